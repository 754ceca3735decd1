using Parley.Api.Acl;
using Parley.Api.Contracts;
using Parley.Api.Http;
using Parley.Core.Acl;
using Parley.State.Store;

namespace Parley.Api.Connect;

/// <summary>
/// <c>GET /v1/agent/connect/ca/peer-trust-bundles[?service=S]</c> (a Parley endpoint; Consul serves bundles only over
/// its internal gRPC and inside xDS): the trust bundles received from peers, with each peer's trust domain. With
/// <c>?service</c>, only the peers <c>S</c> is exported to (by name or <c>*</c>), which is what S's sidecar trusts
/// inbound. Blocks on the bundles (and, with <c>?service</c>, on the exports).
/// </summary>
internal static class TrustBundleEndpoints
{
    public static void Map(RouteTable routes) => routes.Get(
        "/v1/agent/connect/ca/peer-trust-bundles",
        BundlesAsync,
        AclCheck.InHandler("service:write on ?service, else service:write on any service (Consul's trust bundle reads)"));

    private static Task BundlesAsync(ApiContext api)
    {
        var service = api.QueryValue("service");
        return api.ReadAsync(s =>
        {
            if (string.IsNullOrEmpty(service))
            {
                api.Authorizer?.RequireAny(AclResource.Service, AclAccess.Write);
            }
            else
            {
                api.Authorize(AclResource.Service, AclAccess.Write, service);
            }

            var bundles = s.TrustBundles().OrderBy(b => b.PeerName, StringComparer.Ordinal).AsEnumerable();
            var index = s.TableIndex(Tables.TrustBundles);
            if (!string.IsNullOrEmpty(service))
            {
                // The same reading of the exported-services entry the peer stream exports by, so both always agree.
                var peering = api.Services.Peering;
                bundles = bundles.Where(b => peering.ExportedServices(s, b.PeerName).Contains(service, StringComparer.Ordinal));
                index = s.TableIndex(Tables.TrustBundles, Tables.ConfigEntries, Tables.Services);
            }

            return new QueryResult<IReadOnlyList<PeerTrustBundleJson>>([.. bundles.Select(PeerTrustBundleJson.From)], index);
        });
    }
}
