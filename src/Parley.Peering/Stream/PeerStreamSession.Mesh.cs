using Parley.Core.Catalog;
using Parley.Core.Exports;
using Parley.Mesh.Ca;
using Parley.Peering.Export;
using Parley.State.Store;

namespace Parley.Peering.Stream;

internal sealed partial class PeerStreamSession
{
    // Which exported services are connect-exported, and what they were computed from. Only the exporter task touches these.
    private (long Config, long Services, long Roots) _connectKey = (-1, -1, -1);
    private IReadOnlyDictionary<string, ExportedChainInfo> _connectExports = new Dictionary<string, ExportedChainInfo>();

    // What each connect-exported service's synthetic proxies were last built from: the gateways' index, the CA's
    // (trust domain) and the chain info. A change to anything else leaves them alone.
    private readonly Dictionary<string, (long Gateways, long Roots, ExportedChainInfo Info)> _syntheticKeys = new(StringComparer.Ordinal);

    /// <summary>
    /// Sends <c>S-sidecar-proxy</c> for every connect-exported service S: one synthetic proxy per local mesh gateway
    /// (consul-compat 4.5.2), rebuilt only when the gateways (their instances or health), the CA or S's chain info
    /// moved, and sent only when the result differs. A service that stops being connect-exported gets an empty
    /// payload, so the peer drops the proxies it had even while S itself stays exported.
    /// </summary>
    private async Task ExportSyntheticProxiesAsync(StateSnapshot snapshot, string peerName, CancellationToken cancellationToken)
    {
        if (_host.Ca.TrustDomain is not { } trustDomain)
        {
            // Without a CA there is no identity to dial with; the roots index moves when it appears.
            return;
        }

        var rootsIndex = snapshot.TableIndex(Tables.System(ConnectCa.StateKey));
        var connectKey = (snapshot.TableIndex(Tables.ConfigEntries), snapshot.TableIndex(Tables.Services), rootsIndex);
        if (connectKey != _connectKey)
        {
            // Registrations (a sidecar, a native instance) and config entries (chains, protocols) decide this; health does not.
            _connectExports = MeshExports.ConnectExported(snapshot, _exportedNames, _host.Options.Datacenter, trustDomain);
            _connectKey = connectKey;
        }

        foreach (var name in _syntheticKeys.Keys.Where(n => !_connectExports.ContainsKey(n)).ToList())
        {
            _syntheticKeys.Remove(name);
            await SendServiceIfChangedAsync(SyntheticProxies.Name(name), [], cancellationToken);
        }

        var gatewaysIndex = snapshot.ServiceKindIndex(ServiceKinds.MeshGateway);
        foreach (var (name, info) in _connectExports)
        {
            var key = (gatewaysIndex, rootsIndex, info);
            if (_syntheticKeys.TryGetValue(name, out var last) && last == key)
            {
                continue;
            }

            _syntheticKeys[name] = key;
            var meta = SyntheticProxies.PeerMeta(name, info, peerName, trustDomain, _host.Options.Datacenter);
            await SendServiceIfChangedAsync(
                SyntheticProxies.Name(name),
                MeshExports.SyntheticProxyNodes(snapshot, name, meta),
                cancellationToken);
        }
    }
}
