using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Api.Acl;
using Parley.Api.Http;
using Parley.State.Commands;

namespace Parley.Api.Txn;

/// <summary>
/// <c>PUT /v1/txn</c> as Consul's: up to 64 KV, Node, Service and Check ops, mixed freely, applied all-or-nothing in one
/// log entry; 200 with <c>Results</c> in op order, or 409 with every failed op in <c>Errors[{OpIndex, What}]</c> and
/// nothing written. A body that does not decode is a 400, too many ops a 413.
/// </summary>
internal static class TxnEndpoints
{
    /// <summary>Consul's <c>maxTxnOps</c> default (<c>txn_max_req_len</c> aside).</summary>
    public const int MaxOps = 64;

    public static void Map(RouteTable routes) => routes.Put("/v1/txn", ApplyAsync, AclCheck.InHandler(
        "each op as Consul's Txn preCheck: KV as kvsPreApply (key:write; delete-tree on everything under the prefix; key:read for "
        + "check-index/check-session), node:write for node writes, service:write for service writes (node:write to delete one that is "
        + "gone), a check's service:write or node:write; get results leave out rows the token may not read"));

    private static async Task ApplyAsync(ApiContext api)
    {
        JsonArray body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<JsonArray>(api.Http.Request.Body, ApiJson.Request, api.Aborted)
                ?? throw ApiException.BadRequest("Failed to parse body: empty body");
        }
        catch (JsonException e)
        {
            throw ApiException.BadRequest("Failed to parse body: " + e.Message);
        }

        if (body.Count > MaxOps)
        {
            throw new ApiException(StatusCodes.Status413PayloadTooLarge,
                string.Create(CultureInfo.InvariantCulture, $"Transaction contains too many operations ({body.Count} > {MaxOps})"));
        }

        var now = api.Services.SessionClock.Now;
        var snapshot = api.Store.Current;
        var ops = new List<TxnOp>();
        var errors = new List<TxnError>();
        for (var i = 0; i < body.Count; i++)
        {
            var (op, error) = Decode(body[i], api.Agent, now);
            error ??= api.Authorizer is { IsManagement: false } authorizer
                ? op is TxnKvOp kv ? TxnKvOps.Denied(authorizer, kv.Kv) : AclWrites.DeniedTxnOp(authorizer, op!, ops, snapshot)
                : null;
            if (error is not null)
            {
                errors.Add(new TxnError(i, error));
            }
            else
            {
                ops.Add(op!);
            }
        }

        var result = errors.Count > 0
            ? new TransactionResult(null, errors)
            : (TransactionResult)(await api.ApplyAsync(new Transaction(ops, now))).Value!;
        await WriteAsync(api, result);
    }

    /// <summary>One op of the body: the command's op, or Consul's per-op failure; a malformed op throws the 400.</summary>
    private static (TxnOp? Op, string? Error) Decode(JsonNode? node, AgentInfo agent, DateTimeOffset now)
    {
        try
        {
            return node is not JsonObject op ? throw ApiException.BadRequest("Failed to parse body: an operation must be an object")
                : TxnJson.Field(op, "KV") is JsonObject kv ? TxnKvOps.Decode(kv, now)
                : TxnJson.Field(op, "Node") is JsonObject n ? TxnCatalogOps.DecodeNode(n, agent)
                : TxnJson.Field(op, "Service") is JsonObject s ? TxnCatalogOps.DecodeService(s, agent)
                : TxnJson.Field(op, "Check") is JsonObject c ? TxnCatalogOps.DecodeCheck(c, agent)
                : throw ApiException.BadRequest("Failed to parse body: an operation needs one of KV, Node, Service or Check");
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or NotSupportedException)
        {
            throw ApiException.BadRequest("Failed to parse body: " + e.Message);
        }
    }

    private static Task WriteAsync(ApiContext api, TransactionResult result) => result.Errors is { Count: > 0 } errors
        ? api.WriteJsonAsync(new TxnAnswer(null, errors), StatusCodes.Status409Conflict)
        : api.WriteJsonAsync(
            new TxnAnswer([.. api.Readable(result.Results ?? [], TxnResultJson.MayRead).Select(TxnResultJson.From)], null));

    private sealed record TxnAnswer(IReadOnlyList<TxnResultJson>? Results, IReadOnlyList<TxnError>? Errors);
}
