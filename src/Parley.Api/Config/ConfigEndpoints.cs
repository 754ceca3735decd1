using System.Text.Json.Nodes;
using Parley.Api.Http;
using Parley.Core.ConfigEntries;
using Parley.Core.Go;
using Parley.State.Commands;
using Parley.State.Store;

namespace Parley.Api.Config;

/// <summary>
/// Handlers of <c>/v1/config</c>: write (<c>PUT</c>, with <c>?cas</c>), read one, list a kind, delete
/// (with <c>?cas</c>). Entries are decoded, normalized and validated with Parley.Core's rules and stored in
/// their canonical JSON form.
/// </summary>
internal static class ConfigEndpoints
{
    public static void Map(RouteTable routes) => routes
        .Put("/v1/config", ApplyAsync, ConfigEntryAcl.WriteCheck)
        .Get("/v1/config/{kind}", ListAsync, ConfigEntryAcl.ListCheck)
        .Get("/v1/config/{kind}/{**name}", GetAsync, ConfigEntryAcl.ReadCheck)
        .Delete("/v1/config/{kind}/{**name}", DeleteAsync, ConfigEntryAcl.WriteCheck);

    private static async Task ApplyAsync(ApiContext api)
    {
        var raw = await ConfigEntryRequests.ReadObjectAsync(api);
        var cas = ConfigEntryRequests.Cas(api);
        ConfigEntry decoded;
        try
        {
            decoded = ConfigEntryCodec.Decode(raw);
        }
        catch (ConfigEntryDecodeException e)
        {
            throw ApiException.BadRequest(ConfigEntryRequests.DecodeErrorPrefix + e.Message);
        }

        ConfigEntryAcl.RequireWrite(api, decoded.Kind, decoded.Name);

        // The cross-entry rules (every chain this write changes must still compile) read the snapshot as it is
        // now, before the command is ordered in the log: a concurrent write to a related entry can slip in between
        // and leave a pair of entries that would each have been refused after the other. Consul has the same gap
        // for writes forwarded between servers; moving the graph check into apply closes it (a later issue).
        var snapshot = api.Store.Current;
        var lookup = new SnapshotConfigLookup(snapshot);
        var entry = ConfigEntryValidator.NormalizeAndValidate(decoded, lookup);

        // A plain upsert of an unchanged entry is not written again, so blocking readers are not woken for nothing.
        if (cas is null && lookup.Get(entry.Kind, entry.Name) is { } existing && ConfigEntryCodec.ContentEquals(existing, entry))
        {
            await api.WriteJsonAsync(true);
            return;
        }

        var result = await api.ApplyAsync(new SetConfigEntry(entry.Kind, entry.Name, ConfigEntryCodec.Encode(entry), cas));
        await api.WriteJsonAsync(result.Value is true);
    }

    private static Task GetAsync(ApiContext api)
    {
        var kind = api.Route("kind");
        var name = ConfigEntryRequests.Name(api);
        ConfigEntryRequests.RequireKnownKind(kind);
        return api.ReadAsync(
            s =>
            {
                ConfigEntryAcl.RequireRead(api, kind, name);
                return new QueryResult<JsonObject?>(s.GetConfigEntry(kind, name)?.ToJson(), s.TableIndex(Tables.ConfigKind(kind)));
            },
            entry => entry is null
                ? $"Config entry not found for {GoQuote.Quote(kind)} / {GoQuote.Quote(name)}"
                : null);
    }

    private static Task ListAsync(ApiContext api)
    {
        var kind = api.Route("kind");
        ConfigEntryRequests.RequireKnownKind(kind);
        var filter = api.Filter<JsonNode>();
        return api.ReadAsync(s => new QueryResult<JsonArray>(
            new JsonArray(
                [.. api.Readable(s.ConfigEntries(kind), (a, e) => ConfigEntryAcl.MayRead(a, kind, e.Name)).Select(e => (JsonNode)e.ToJson())
                .Where(filter)]),
            s.TableIndex(Tables.ConfigKind(kind))));
    }

    private static async Task DeleteAsync(ApiContext api)
    {
        var kind = api.Route("kind");
        var name = ConfigEntryRequests.Name(api);
        ConfigEntryRequests.RequireKnownKind(kind);
        ConfigEntryAcl.RequireWrite(api, kind, name);
        var cas = ConfigEntryRequests.Cas(api);

        // As for writes, the check that no remaining chain breaks reads the snapshot at handler time.
        ConfigEntryValidator.ValidateDelete(kind, name, new SnapshotConfigLookup(api.Store.Current));
        var result = await api.ApplyAsync(new DeleteConfigEntry(kind, name, cas));

        // Consul answers true/false only for check-and-set deletes; plain ones keep the old `{}`.
        if (cas is null)
        {
            await api.WriteJsonAsync(new JsonObject());
        }
        else
        {
            await api.WriteJsonAsync(result.Value is true);
        }
    }
}
