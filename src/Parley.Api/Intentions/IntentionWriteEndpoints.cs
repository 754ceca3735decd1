using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Api.Acl;
using Parley.Api.Http;
using Parley.Core.Acl;
using Parley.Core.ConfigEntries;
using Parley.Core.Intentions;
using Parley.State.Commands;
using Parley.State.Store;

namespace Parley.Api.Intentions;

/// <summary>
/// The writes of <c>/v1/connect/intentions</c> as Consul 1.9+ serves them: the legacy ID-based create, read, update and
/// delete, and the exact (source and destination) upsert and delete. Each one rewrites the destination's
/// <c>service-intentions</c> entry with <see cref="IntentionWrites"/> and stores it with one command through the log.
/// </summary>
/// <remarks>
/// The command carries a check-and-set on the entry's ModifyIndex as it was read; when another write got there first the
/// handler reads again and recomputes, so two writers adding sources to one destination never lose either source.
/// </remarks>
internal static class IntentionWriteEndpoints
{
    private const int MaxAttempts = 32;

    // Writers to one destination on this agent take turns, so they do not lose check-and-sets to each other; writers on
    // other agents are caught by the check-and-set alone. Striped by name: a fixed set, however many destinations.
    private static readonly SemaphoreSlim[] Stripes = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    public static void Map(RouteTable routes) => routes
        .Post("/v1/connect/intentions", CreateAsync, AclCheck.InHandler("intention:write on the body's DestinationName"))
        .Put("/v1/connect/intentions/exact", PutExactAsync, AclCheck.InHandler("intention:write on ?destination"))
        .Delete("/v1/connect/intentions/exact", DeleteExactAsync, AclCheck.InHandler("intention:write on ?destination"))
        .Get("/v1/connect/intentions/{id}", GetByIdAsync, AclCheck.InHandler("intention:read on the intention's destination"))
        .Put("/v1/connect/intentions/{id}", UpdateByIdAsync, AclCheck.InHandler("intention:write on the intention's destination"))
        .Delete("/v1/connect/intentions/{id}", DeleteByIdAsync, AclCheck.InHandler("intention:write on the intention's destination"));

    private static async Task CreateAsync(ApiContext api)
    {
        var intention = await ReadLegacyBodyAsync(api, "Failed to decode request body: ");
        api.Authorize(AclResource.Intention, AclAccess.Write, intention.DestinationName);
        var id = Guid.NewGuid().ToString();
        var now = api.TimeProvider.GetUtcNow();
        await RewriteAsync(api, intention.DestinationName, existing => IntentionWrites.LegacyCreate(existing, intention, id, now));
        await api.WriteJsonAsync(new JsonObject { ["ID"] = id });
    }

    private static Task GetByIdAsync(ApiContext api)
    {
        var id = api.Route("id");
        return api.ReadAsync(
            s =>
            {
                var found = IntentionWrites.FindById(IntentionEndpoints.Entries(s), id);
                if (found is { } f)
                {
                    api.Authorize(AclResource.Intention, AclAccess.Read, f.Entry.Name);
                }

                return new QueryResult<JsonObject?>(
                    found is { } hit ? IntentionConverter.Encode(IntentionConverter.ToIntention(hit.Entry, hit.Source)) : null,
                    s.TableIndex(Tables.ConfigKind(ConfigEntryKinds.ServiceIntentions)));
            },
            intention => intention is null ? "Intention not found" : null);
    }

    private static async Task UpdateByIdAsync(ApiContext api)
    {
        var id = api.Route("id");
        var intention = await ReadLegacyBodyAsync(api, "Request decode failed: ");
        var now = api.TimeProvider.GetUtcNow();
        var destination = LegacyDestination(api, id, "modify");
        await RewriteAsync(api, destination, existing => IntentionWrites.LegacyUpdate(
            existing ?? throw Core.ParleyException.Rejected($"Cannot modify non-existent intention: '{id}'"), id, intention, now));
        await api.WriteJsonAsync(new JsonObject { ["ID"] = id });
    }

    private static async Task DeleteByIdAsync(ApiContext api)
    {
        var id = api.Route("id");
        var destination = LegacyDestination(api, id, "delete");
        await RewriteAsync(api, destination, existing => IntentionWrites.LegacyDelete(
            existing ?? throw Core.ParleyException.Rejected($"Cannot delete non-existent intention: '{id}'"), id));
        await api.WriteJsonAsync(true);
    }

    private static async Task PutExactAsync(ApiContext api)
    {
        var (source, destination) = ExactNames(api);
        var body = await ReadLegacyBodyAsync(api, "Request decode failed: ");
        api.Authorize(AclResource.Intention, AclAccess.Write, destination.Name);

        // The URL names the intention; the body's ID and names are ignored, as Consul's handler overwrites them.
        var intention = body with
        {
            Id = "",
            SourcePeer = source.Peer,
            SourceNamespace = source.Namespace,
            SourceName = source.Name,
            DestinationNamespace = destination.Namespace,
            DestinationName = destination.Name,
        };
        await RewriteAsync(api, destination.Name, existing => IntentionWrites.Upsert(existing, intention));
        await api.WriteJsonAsync(true);
    }

    private static async Task DeleteExactAsync(ApiContext api)
    {
        var (source, destination) = ExactNames(api);
        api.Authorize(AclResource.Intention, AclAccess.Write, destination.Name);
        await RewriteAsync(
            api, destination.Name, existing => IntentionWrites.DeleteExact(existing, source.Name, source.Namespace, source.Peer));
        await api.WriteJsonAsync(true);
    }

    // Finds the destination of a legacy ID and checks intention:write on it; an unknown ID is Consul's error.
    private static string LegacyDestination(ApiContext api, string id, string verb)
    {
        var found = IntentionWrites.FindById(IntentionEndpoints.Entries(api.Store.Current), id)
            ?? throw Core.ParleyException.Rejected($"Cannot {verb} non-existent intention: '{id}'");
        api.Authorize(AclResource.Intention, AclAccess.Write, found.Entry.Name);
        return found.Entry.Name;
    }

    private static (IntentionName Source, IntentionName Destination) ExactNames(ApiContext api)
    {
        // Consul's exact writes take no peer; Parley lets the source name one (`peer:PEER/name`), which is how the CLI
        // writes intentions for a peer's services into the same entry the UI and config entries write.
        var source = IntentionName.Parse("source", IntentionName.Required(api, "source"), allowPeer: true);
        var destination = IntentionName.Parse("destination", IntentionName.Required(api, "destination"), allowPeer: false);
        if (!source.InDefaultPartition || !destination.InDefaultPartition)
        {
            throw ApiException.BadRequest("Cannot use a partition with this endpoint");
        }

        if (destination.Namespace != "default")
        {
            throw ApiException.BadRequest("Invalid DestinationNS: Namespaces is a Consul Enterprise feature");
        }

        return (source, destination);
    }

    private static async Task<Intention> ReadLegacyBodyAsync(ApiContext api, string decodeErrorPrefix)
    {
        JsonObject body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<JsonObject>(api.Http.Request.Body, ApiJson.Request, api.Aborted)
                ?? throw ApiException.BadRequest(decodeErrorPrefix + "empty body");
        }
        catch (JsonException e)
        {
            throw ApiException.BadRequest(decodeErrorPrefix + e.Message);
        }

        Intention intention;
        try
        {
            intention = LegacyIntentionCodec.Decode(body);
        }
        catch (ConfigEntryDecodeException e)
        {
            throw ApiException.BadRequest(decodeErrorPrefix + e.Message);
        }

        if (intention.DestinationPartition is not ("" or "default"))
        {
            throw ApiException.BadRequest("Cannot specify a destination partition with this endpoint");
        }

        return intention.SourcePartition is "" or "default"
            ? intention with { SourcePartition = "", DestinationPartition = "" }
            : throw ApiException.BadRequest("Cannot specify a source partition with this endpoint");
    }

    /// <summary>
    /// Reads the destination's entry, lets <paramref name="change"/> compute the next one (<c>null</c>: delete it; the
    /// same instance: nothing to write) and writes it with a check-and-set on the index it read, again on a lost race.
    /// </summary>
    private static async Task RewriteAsync(
        ApiContext api, string destination, Func<ServiceIntentionsConfigEntry?, ServiceIntentionsConfigEntry?> change)
    {
        var stripe = Stripes[(int)((uint)StringComparer.Ordinal.GetHashCode(destination) % (uint)Stripes.Length)];
        await stripe.WaitAsync(api.Aborted);
        try
        {
            await RewriteLockedAsync(api, destination, change);
        }
        finally
        {
            stripe.Release();
        }
    }

    private static async Task RewriteLockedAsync(
        ApiContext api, string destination, Func<ServiceIntentionsConfigEntry?, ServiceIntentionsConfigEntry?> change)
    {
        const string Kind = ConfigEntryKinds.ServiceIntentions;
        for (var attempt = 1; ; attempt++)
        {
            var row = api.Store.Current.GetConfigEntry(Kind, destination);
            var current = row is null ? null : (ServiceIntentionsConfigEntry)SnapshotConfigLookup.Decode(row);
            var next = change(current);
            if (ReferenceEquals(next, current))
            {
                return;
            }

            Command command = next is null
                ? new DeleteConfigEntry(Kind, destination, row!.ModifyIndex)
                : new SetConfigEntry(Kind, destination, ConfigEntryCodec.Encode(next), row?.ModifyIndex ?? 0);
            var result = await api.ApplyAsync(command);
            if (result.Value is true)
            {
                return;
            }

            if (attempt == MaxAttempts)
            {
                throw new ApiException(StatusCodes.Status409Conflict,
                    $"the service-intentions entry of {destination} kept changing while this write was applied; try again");
            }

            // This agent's snapshot may not show the write that won yet: wait until it does before reading again.
            while (true)
            {
                var changed = api.Store.NextChange;
                if (api.Store.Current.Index >= result.Index)
                {
                    break;
                }

                await changed.WaitAsync(TimeSpan.FromSeconds(5), api.TimeProvider, api.Aborted);
            }
        }
    }
}
