using System.Text.Json.Nodes;
using Parley.Api.Acl;
using Parley.Api.Config;
using Parley.Api.Http;
using Parley.Core.Acl;
using Parley.Core.ConfigEntries;
using Parley.Core.DiscoveryChain;
using Parley.Mesh.Ca;
using Parley.State.Store;

namespace Parley.Api.DiscoveryChain;

/// <summary>
/// <c>GET /v1/discovery-chain/:service</c> and <c>POST</c> with overrides: the service's routers, splitters and
/// resolvers compiled by <see cref="DiscoveryChainCompiler"/> from the current snapshot, as <c>{"Chain": ...}</c>.
/// </summary>
internal static class DiscoveryChainEndpoints
{
    public static void Map(RouteTable routes) => routes
        .Get("/v1/discovery-chain/{**name}", ReadAsync, AclCheck.Named(AclResource.Service, AclAccess.Read, "name"))
        .Post("/v1/discovery-chain/{**name}", ReadAsync, AclCheck.Named(AclResource.Service, AclAccess.Read, "name"));

    private static async Task ReadAsync(ApiContext api)
    {
        var name = api.Route("name");
        if (name.Length == 0)
        {
            throw ApiException.BadRequest("Missing chain name");
        }

        var overrides = HttpMethods.IsPost(api.Http.Request.Method) ? await ReadOverridesAsync(api) : new DiscoveryChainOverrides();
        var datacenter = api.QueryValue("compile-dc") is { Length: > 0 } dc ? dc : api.Agent.Datacenter;
        await api.ReadAsync(s => new QueryResult<JsonObject>(
            new JsonObject { ["Chain"] = DiscoveryChainJson.Encode(Compile(s, name, datacenter, overrides)) },
            s.TableIndex(Tables.ConfigEntries, Tables.System(ConnectCa.StateKey))));
    }

    private static CompiledDiscoveryChain Compile(StateSnapshot snapshot, string name, string datacenter, DiscoveryChainOverrides overrides)
    {
        // Local targets' SNI names carry the trust domain, so Consul refuses to compile before the CA exists.
        var roots = ConnectCa.Roots(snapshot);
        var root = roots.FirstOrDefault(r => r.Active) ?? (roots.Count > 0 ? roots[0] : null)
            ?? throw new InvalidOperationException("no cluster ca config setup");
        return DiscoveryChainCompiler.Compile(overrides.ApplyTo(new DiscoveryChainRequest
        {
            ServiceName = name,
            EvaluateInDatacenter = datacenter,
            EvaluateInTrustDomain = root.TrustDomain,
            Entries = new SnapshotConfigLookup(snapshot),
        }));
    }

    private static async Task<DiscoveryChainOverrides> ReadOverridesAsync(ApiContext api)
    {
        // An empty POST body is the same as no overrides.
        if (api.Http.Request.ContentLength == 0)
        {
            return new DiscoveryChainOverrides();
        }

        var body = await ConfigEntryRequests.ReadObjectAsync(api);
        DiscoveryChainOverrides overrides;
        try
        {
            overrides = DiscoveryChainOverrides.FromJson(body);
        }
        catch (ConfigEntryDecodeException e)
        {
            throw ApiException.BadRequest(ConfigEntryRequests.DecodeErrorPrefix + e.Message);
        }

        if (overrides.OverrideMeshGateway.Mode is not ("" or "none" or "local" or "remote"))
        {
            throw ApiException.BadRequest("Invalid OverrideMeshGateway.Mode parameter");
        }

        return overrides;
    }
}
