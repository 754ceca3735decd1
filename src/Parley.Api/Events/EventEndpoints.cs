using System.Text.Json;
using Parley.Api.Acl;
using Parley.Api.Http;
using Parley.Core;
using Parley.Core.Acl;
using Parley.Core.Events;
using Parley.State.Commands;
using Parley.State.Store;

namespace Parley.Api.Events;

/// <summary>
/// <c>PUT /v1/event/fire/:name</c> and <c>GET /v1/event/list</c>. Consul gossips user events to every agent, which keeps
/// the last 256 it received; Parley has no gossip, so the last 256 events are one replicated value every server reads,
/// and each agent lists those whose node, service and tag filters match it — what Consul's agent would have kept.
/// </summary>
internal static class EventEndpoints
{
    /// <summary>The system value holding the kept events, oldest first.</summary>
    private const string Key = "user-events";

    private const int Attempts = 5;

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = null };

    public static void Map(RouteTable routes) => routes
        .Put("/v1/event/fire/{**name}", FireAsync, AclCheck.Named(AclResource.Event, AclAccess.Write, "name"))
        .Get("/v1/event/list", ListAsync, AclCheck.Filtered("event:read on each event's name"));

    private static async Task FireAsync(ApiContext api)
    {
        var name = api.Route("name");
        if (name.Length == 0)
        {
            throw ApiException.BadRequest("Missing name");
        }

        var (node, service, tag) = (api.QueryValue("node") ?? "", api.QueryValue("service") ?? "", api.QueryValue("tag") ?? "");
        using var body = new MemoryStream();
        await api.Http.Request.Body.CopyToAsync(body, api.Aborted);
        try
        {
            UserEventRules.Validate(name, node, service, tag, (int)Math.Min(body.Length, int.MaxValue));
        }
        catch (ParleyException e)
        {
            // Consul answers these with 500; they are the client's mistake, so a 400 here.
            throw ApiException.BadRequest(e.Message);
        }

        var payload = body.Length == 0 ? null : body.ToArray();
        var id = Guid.NewGuid().ToString();
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            await api.Replicator.LeaderReadAsync(api.Aborted);
            var snapshot = api.Store.Current;
            var kept = Read(snapshot);
            var fired = new UserEvent(id, name, payload, node, service, tag, 1, kept.Count == 0 ? 1 : kept[^1].LTime + 1);
            var next = JsonSerializer.SerializeToNode(UserEventRules.Append(kept, fired), Json)!;
            var result = await api.ApplyAsync(new SetSystemValue(Key, next, snapshot.GetSystemValue(Key)?.ModifyIndex ?? 0));
            if (result.Value is true)
            {
                await api.WriteJsonAsync(fired);
                return;
            }
        }

        throw new ApiException(StatusCodes.Status503ServiceUnavailable, "too many concurrent events; try again");
    }

    private static Task ListAsync(ApiContext api)
    {
        var name = api.QueryValue("name") ?? "";
        var node = api.Agent.NodeName;
        return api.ReadAsync(s =>
        {
            var services = s.NodeServices(node).Select(x => (x.Service, x.Tags)).ToList();
            var events = api.Readable(
                    Read(s).Where(e => (name.Length == 0 || e.Name == name) && UserEventRules.IsFor(e, node, services)),
                    (a, e) => a.Allows(AclResource.Event, AclAccess.Read, e.Name))
                .ToList();
            return new QueryResult<List<UserEvent>>(events, s.TableIndex(Tables.System(Key)));
        });
    }

    private static List<UserEvent> Read(StateSnapshot snapshot) =>
        snapshot.GetSystemValue(Key)?.Value.Deserialize<List<UserEvent>>(Json) ?? [];
}
