using System.Text.Json.Nodes;
using Parley.Api.Acl;
using Parley.Api.Http;
using Parley.Core.Acl;
using Parley.Core.ConfigEntries;
using Parley.Core.Intentions;
using Parley.State.Store;

namespace Parley.Api.Intentions;

/// <summary>
/// The read side of <c>/v1/connect/intentions</c>: the list, <c>/exact</c>, <c>/match</c> and <c>/check</c>, answered
/// from the <c>service-intentions</c> config entries in Consul's legacy intention shape.
/// </summary>
/// <remarks>
/// The writes (legacy ID-based and exact) are in <see cref="IntentionWriteEndpoints"/>; like these reads they work on the
/// <c>service-intentions</c> entries, which <c>PUT /v1/config</c> writes too.
/// </remarks>
internal static class IntentionEndpoints
{
    private static readonly string IntentionsTable = Tables.ConfigKind(ConfigEntryKinds.ServiceIntentions);

    public static void Map(RouteTable routes) => routes
        .Get("/v1/connect/intentions", ListAsync, AclCheck.Filtered("intention:read on each intention's destination"))
        .Get("/v1/connect/intentions/exact", ExactAsync, AclCheck.InHandler("intention:read on ?destination"))
        .Get("/v1/connect/intentions/match", MatchAsync, AclCheck.InHandler("intention:read on each ?name"))

        // Consul asks only service:read here: the answer is allowed or not, and tells nothing about the intentions.
        .Get("/v1/connect/intentions/check", CheckAsync, AclCheck.InHandler("service:read on ?destination"));

    private static Task ListAsync(ApiContext api)
    {
        var filter = api.Filter<JsonNode>();
        return api.ReadAsync(s => new QueryResult<JsonArray>(
            new JsonArray(
                [.. api.Readable(IntentionQueries.All(Entries(s)),
                (a, i) => a.Allows(AclResource.Intention, AclAccess.Read, i.DestinationName))
                .Select(i => (JsonNode)IntentionConverter.Encode(i))
                .Where(filter)]),
            s.TableIndex(IntentionsTable)));
    }

    private static Task ExactAsync(ApiContext api)
    {
        var source = IntentionName.Parse("source", IntentionName.Required(api, "source"), allowPeer: true);
        var destination = IntentionName.Parse("destination", IntentionName.Required(api, "destination"), allowPeer: false);
        return api.ReadAsync(
            s =>
            {
                api.Authorize(AclResource.Intention, AclAccess.Read, destination.Name);
                return new QueryResult<JsonObject?>(
                    source.InDefaultPartition && destination.InDefaultPartition && destination.Namespace == "default" &&
                    IntentionQueries.Exact(Entries(s), source.Name, destination.Name, source.Namespace, source.Peer) is { } intention
                        ? IntentionConverter.Encode(intention)
                        : null,
                    s.TableIndex(IntentionsTable));
            },
            intention => intention is null ? "Intention not found" : null);
    }

    private static Task MatchAsync(ApiContext api)
    {
        var query = api.Http.Request.Query;
        if (!query.TryGetValue("by", out var by) || by.Count != 1)
        {
            throw ApiException.BadRequest("required query parameter 'by' not set");
        }

        var bySource = by[0] switch
        {
            "source" => true,
            "destination" => false,
            _ => throw ApiException.BadRequest("'by' parameter must be one of 'source' or 'destination'"),
        };
        if (!query.TryGetValue("name", out var rawNames) || rawNames.Count == 0)
        {
            throw ApiException.BadRequest("required query parameter 'name' not set");
        }

        // Consul's Match takes no peer. Parley takes `peer:PEER/name` when matching by source, so one can list what a peer's
        // service may call (`parley intention match -source`); a destination is always local.
        var names = rawNames.Select(n => (Raw: n ?? "", Name: IntentionName.Parse("name", n ?? "", allowPeer: bySource))).ToList();
        return api.ReadAsync(s =>
        {
            foreach (var (_, name) in names)
            {
                api.Authorize(AclResource.Intention, AclAccess.Read, name.Name);
            }

            var entries = Entries(s);
            var response = new JsonObject();
            foreach (var (raw, name) in names.OrderBy(n => n.Raw, StringComparer.Ordinal))
            {
                IReadOnlyList<Intention> matches = !name.InDefaultPartition
                    ? []
                    : bySource
                        ? IntentionQueries.MatchBySource(entries, name.Name, name.Namespace, name.Peer)
                        : IntentionQueries.MatchByDestination(entries, name.Name, name.Namespace);
                response[raw] = IntentionConverter.EncodeList(matches);
            }

            return new QueryResult<JsonObject>(response, s.TableIndex(IntentionsTable));
        });
    }

    private static Task CheckAsync(ApiContext api)
    {
        // Consul refuses a peer source here; Parley also accepts `peer:PEER/name`, so a caller can ask whether
        // traffic from a peer's service would be let in (nothing that works against Consul changes meaning).
        var source = IntentionName.Parse("source", IntentionName.Required(api, "source"), allowPeer: true);
        var destination = IntentionName.Parse("destination", IntentionName.Required(api, "destination"), allowPeer: false);
        var caller = new IntentionCaller(
            source.Name,
            source.Namespace,
            source.InDefaultPartition ? "default" : source.Partition,
            source.Peer);
        return api.ReadAsync(s =>
        {
            api.Authorize(AclResource.Service, AclAccess.Read, destination.Name);
            return new QueryResult<JsonObject>(
                new JsonObject
                {
                    ["Allowed"] = IntentionQueries.Check(Entries(s), caller, destination.Name, api.Agent.IntentionDefaultAllow)
                },
                s.TableIndex(IntentionsTable));
        });
    }

    internal static IEnumerable<ServiceIntentionsConfigEntry> Entries(StateSnapshot snapshot) =>
        new SnapshotConfigLookup(snapshot).List(ConfigEntryKinds.ServiceIntentions).OfType<ServiceIntentionsConfigEntry>();
}
