using Parley.Core.Connect;
using Parley.Core.DiscoveryChain;
using Parley.Core.DiscoveryChain.Execution;
using Parley.Core.Filtering;
using Parley.Proxy.Config.Inputs;
using Parley.Proxy.Tls;

namespace Parley.Proxy.Config;

/// <content>Targets: where their endpoints come from and how they are verified.</content>
public static partial class SnapshotBuilder
{
    private sealed partial class BuildContext
    {
        // A peer upstream has no chain (Consul): one target, the exporter's protocol, the peer's gateways.
        private UpstreamSnapshot PeerUpstream(Upstream upstream, string mode, TimeSpan connectTimeout)
        {
            var ns = upstream.DestinationNamespace.Length > 0 ? upstream.DestinationNamespace : "default";
            var id = DiscoveryTarget.ChainId(upstream.DestinationName, "", ns, "default", "", upstream.DestinationPeer);
            var protocol = PeerInstances(upstream.DestinationName, upstream.DestinationPeer)
                .Select(e => e.PeerMeta?.Protocol ?? "")
                .FirstOrDefault(p => p.Length > 0) ?? "tcp";
            var target = PeerTarget(id, upstream.DestinationName, upstream.DestinationPeer, mode, protocol, connectTimeout);
            return new UpstreamSnapshot
            {
                Upstream = upstream,
                Protocol = protocol,
                Plan = ChainPlan.SingleTarget(id, protocol, connectTimeout),
                Targets = new Dictionary<string, TargetSnapshot> { [id] = target },
            };
        }

        // The service's sidecars here: SNI and SAN of the service, this cluster's roots.
        private TargetSnapshot LocalTarget(DiscoveryTarget target, string protocol)
        {
            var key = new EndpointKey(target.Service, "");
            needs.Add(key);
            var selected = Subset(target);
            var endpoints = inputs.Endpoints.GetValueOrDefault(key, [])
                .Where(selected)
                .Select(e => Endpoint(e.Address, e.Port, e, target.Subset.OnlyPassing))
                .ToArray();
            var san = SpiffeId.ForService(roots.TrustDomain, target.Datacenter, target.Service, target.Namespace);
            return new TargetSnapshot
            {
                Id = target.Id,
                Tls = new ClientTlsSettings(target.Sni, [san], LocalTrust, MeshTls.AlpnFor(protocol)),
                ConnectTimeout = target.ConnectTimeout > TimeSpan.Zero ? target.ConnectTimeout : DefaultConnectTimeout,
                Endpoints = endpoints,
            };
        }

        // A peer's exported service: SNI and SANs from the exporter (PeerMeta), only that peer's roots, and either the
        // exporter's gateways (remote) or ours (local), which pass the still-encrypted stream on by SNI.
        private TargetSnapshot PeerTarget(string id, string service, string peer, string mode, string protocol, TimeSpan connectTimeout)
        {
            var instances = PeerInstances(service, peer);
            var meta = instances.Select(e => e.PeerMeta).FirstOrDefault(m => m is not null) ?? new PeeringServiceMeta();
            var bundle = inputs.PeerBundles.FirstOrDefault(b => b.PeerName == peer);
            if (bundle is null)
            {
                warnings.Add($"target {id}: no trust bundle from peer {peer} yet");
            }

            IReadOnlyList<ServiceEndpoint> endpoints;
            if (mode == "local")
            {
                NeedsLocalMeshGateways = true;

                // Consul: no endpoints until the local gateways are known, and none when the peer exports none.
                endpoints = instances.Count == 0 || inputs.LocalMeshGateways is not { } gateways
                    ? []
                    : gateways.Select(g => Endpoint(g.Address, g.Port, g, onlyPassing: false)).ToArray();
            }
            else
            {
                endpoints = instances
                    .Select(e => Endpoint(e.WanAddress.Length > 0 ? e.WanAddress : e.Address, e.WanPort > 0 ? e.WanPort : e.Port, e, false))
                    .ToArray();
            }

            return new TargetSnapshot
            {
                Id = id,
                Tls = new ClientTlsSettings(
                    meta.PrimarySni, meta.SpiffeID, bundle is null ? TrustStore.Empty : PeerTrust(bundle), MeshTls.AlpnFor(protocol)),
                ConnectTimeout = connectTimeout > TimeSpan.Zero ? connectTimeout : DefaultConnectTimeout,
                Endpoints = endpoints,
            };
        }

        // The instances of the target's subset: all without a filter; none when the filter does not parse (the
        // entry's validation refuses such filters, so this is a safeguard, not a path).
        private Func<EndpointInput, bool> Subset(DiscoveryTarget target)
        {
            if (target.Subset.Filter.Length == 0)
            {
                return static _ => true;
            }

            try
            {
                var filter = FilterExpression.Parse(target.Subset.Filter);
                return e => e.Subject is { } subject && filter.Matches(subject);
            }
            catch (FormatException e)
            {
                warnings.Add($"target {target.Id}: {e.Message}; no instance is selected");
                return static _ => false;
            }
        }

        private IReadOnlyList<EndpointInput> PeerInstances(string service, string peer)
        {
            var key = new EndpointKey(service, peer);
            needs.Add(key);
            return inputs.Endpoints.GetValueOrDefault(key, []);
        }

        private TrustStore? _localTrust;
        private readonly Dictionary<string, TrustStore> _peerTrust = new(StringComparer.Ordinal);

        private TrustStore LocalTrust => _localTrust ??= new TrustStore([roots]);

        private TrustStore PeerTrust(TrustBundle bundle)
        {
            if (!_peerTrust.TryGetValue(bundle.PeerName, out var store))
            {
                store = new TrustStore([bundle]);
                _peerTrust[bundle.PeerName] = store;
            }

            return store;
        }

        private static ServiceEndpoint Endpoint(string address, int port, EndpointInput input, bool onlyPassing)
        {
            var health = EndpointHealth.Evaluate(input.CheckStatuses, input.Weights, onlyPassing);
            return new ServiceEndpoint(address, port, health.Healthy, health.Weight);
        }
    }
}
