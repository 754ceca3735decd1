using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Parley.Api.Acl;
using Parley.Api.Http;
using Parley.Api.Kv;
using Parley.Api.Sessions;
using Parley.Core.Acl;
using Parley.Core.Kv;
using Parley.State.Commands;

namespace Parley.Api.Txn;

/// <summary>
/// <c>PUT /v1/txn</c> with KV operations, as Consul's: up to 64 ops applied all-or-nothing in one log entry; 200 with
/// <c>Results</c>, or 409 with every failed op in <c>Errors[{OpIndex, What}]</c> and nothing written.
/// </summary>
internal static class TxnEndpoints
{
    /// <summary>Consul's <c>maxTxnOps</c> default (<c>txn_max_req_len</c> aside).</summary>
    public const int MaxOps = 64;

    private static readonly Dictionary<string, KvVerb> Verbs = new(StringComparer.Ordinal)
    {
        ["set"] = KvVerb.Set,
        ["cas"] = KvVerb.Cas,
        ["lock"] = KvVerb.Lock,
        ["unlock"] = KvVerb.Unlock,
        ["get"] = KvVerb.Get,
        ["get-tree"] = KvVerb.GetTree,
        ["check-index"] = KvVerb.CheckIndex,
        ["check-session"] = KvVerb.CheckSession,
        ["check-not-exists"] = KvVerb.CheckNotExists,
        ["delete"] = KvVerb.Delete,
        ["delete-tree"] = KvVerb.DeleteTree,
        ["delete-cas"] = KvVerb.DeleteCas,
    };

    public static void Map(RouteTable routes) => routes.Put("/v1/txn", ApplyAsync, AclCheck.InHandler(
        "each op as Consul's kvsPreApply: key:write (delete-tree: on everything under the prefix), key:read for check-index/check-session; "
        + "get and get-tree results leave out keys without key:read"));

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

        var now = api.Http.RequestServices.GetRequiredService<SessionClock>().Now;
        var ops = new List<ApplyKv>();
        var errors = new List<KvTransactionError>();
        for (var i = 0; i < body.Count; i++)
        {
            var (op, error) = Decode(body[i]);
            error ??= Denied(api, op!);
            if (error is not null)
            {
                errors.Add(new KvTransactionError(i, error));
            }
            else
            {
                ops.Add(op! with { Now = now });
            }
        }

        if (errors.Count > 0)
        {
            await WriteAsync(api, new KvTransactionResult(null, errors));
            return;
        }

        var result = await api.ApplyAsync(new KvTransaction(ops, now));
        await WriteAsync(api, (KvTransactionResult)result.Value!);
    }

    /// <summary>Consul's <c>kvsPreApply</c>: the refusal of one op, reported among the transaction's errors; null when allowed.</summary>
    private static string? Denied(ApiContext api, ApplyKv op)
    {
        if (api.Authorizer is not { IsManagement: false } authorizer)
        {
            return null;
        }

        var (allowed, access) = op.Verb switch
        {
            // Reads are filtered on the way out instead.
            KvVerb.Get or KvVerb.GetTree => (true, AclAccess.Read),
            KvVerb.CheckIndex or KvVerb.CheckSession or KvVerb.CheckNotExists => (authorizer.Allows(AclResource.Key, AclAccess.Read, op.Key), AclAccess.Read),
            KvVerb.DeleteTree => (authorizer.AllowsWriteUnder(AclResource.Key, op.Key), AclAccess.Write),
            _ => (authorizer.Allows(AclResource.Key, AclAccess.Write, op.Key), AclAccess.Write),
        };
        return allowed ? null : AclAuthorizer.DeniedMessage(authorizer.AccessorId, AclResource.Key, access, op.Key);
    }

    private static (ApplyKv? Op, string? Error) Decode(JsonNode? node)
    {
        var kv = node is JsonObject op ? Field(op, "KV") as JsonObject : null;
        if (kv is null)
        {
            // Consul also takes Node, Service and Check operations here; Parley does not yet.
            throw ApiException.BadRequest("Only KV operations are supported in transactions");
        }

        try
        {
            var verbText = Field(kv, "Verb")?.GetValue<string>() ?? "";
            if (!Verbs.TryGetValue(verbText, out var verb))
            {
                return (null, $"unknown KV verb \"{verbText}\"");
            }

            var value = Field(kv, "Value")?.GetValue<string>() is { } base64 ? Convert.FromBase64String(base64) : [];
            var key = Field(kv, "Key")?.GetValue<string>() ?? "";
            if (value.Length > KvRules.MaxValueSize)
            {
                throw new ApiException(StatusCodes.Status413PayloadTooLarge,
                    string.Create(CultureInfo.InvariantCulture, $"Value for key \"{key}\" is too large ({value.Length} > {KvRules.MaxValueSize} bytes)"));
            }

            return (new ApplyKv(verb, key, value, Number(Field(kv, "Flags")), Number(Field(kv, "Index")), Field(kv, "Session")?.GetValue<string>() ?? ""), null);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException)
        {
            throw ApiException.BadRequest("Failed to parse body: " + e.Message);
        }
    }

    private static ulong Number(JsonNode? node) => node is null ? 0 : node.GetValue<ulong>();

    private static JsonNode? Field(JsonObject o, string name) =>
        o.FirstOrDefault(p => p.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    private static Task WriteAsync(ApiContext api, KvTransactionResult result) => result.Errors is { Count: > 0 } errors
        ? api.WriteJsonAsync(new TxnAnswer(null, errors), StatusCodes.Status409Conflict)
        : api.WriteJsonAsync(new TxnAnswer(
            [.. api.Readable(result.Results ?? [], (a, e) => a.Allows(AclResource.Key, AclAccess.Read, e.Key)).Select(e => new TxnResult(KvEntryJson.From(e)))],
            null));

    private sealed record TxnAnswer(IReadOnlyList<TxnResult>? Results, IReadOnlyList<KvTransactionError>? Errors);

    private sealed record TxnResult(KvEntryJson KV);
}
