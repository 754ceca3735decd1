using Parley.Core.Connect;
using Parley.Core.Connect.Gateway;
using Parley.Core.DiscoveryChain;
using Parley.Core.DiscoveryChain.Execution;
using Parley.Proxy.Config;
using Parley.Proxy.Config.Inputs;
using Parley.Proxy.Tls;

namespace Parley.Proxy.Gateway;

/// <content>Routes: where each SNI's traffic goes.</content>
public static partial class GatewaySnapshotBuilder
{
    /// <summary>Consul's warning for a chain target a gateway cannot reach from the exporting side.</summary>
    public const string CrossBoundaryWarning =
        "ignoring discovery chain target that crosses a datacenter, peer, or partition boundary in a mesh gateway";

    private sealed partial class BuildContext
    {
        private TrustStore? _localTrust;

        private TrustStore LocalTrust => _localTrust ??= new TrustStore([roots]);

        private GatewayRouteSnapshot? Route(MeshGatewayRoute route) => route.Kind switch
        {
            MeshGatewayRouteKind.LocalPeeringServers => Passthrough(
                route, (inputs.LocalServers ?? []).Select(s => Endpoint(s.Address, s.Port, s))),
            MeshGatewayRouteKind.PeerServers => Passthrough(route, PeerServerEndpoints(route.Peer)),
            MeshGatewayRouteKind.Imported
                => Passthrough(route, inputs.Endpoints.GetValueOrDefault(new EndpointKey(route.Service, route.Peer), [])
                .Select(e => Endpoint(e.WanAddress.Length > 0 ? e.WanAddress : e.Address, e.WanPort > 0 ? e.WanPort : e.Port, e))),
            MeshGatewayRouteKind.ExportedTcp => Passthrough(route, ExportedTcpEndpoints(route.Service)),
            MeshGatewayRouteKind.ExportedHttp => Terminating(route),
            _ => null,
        };

        private static PassthroughRoute Passthrough(MeshGatewayRoute route, IEnumerable<ServiceEndpoint> endpoints) =>
            new() { Route = route, Endpoints = endpoints.ToList() };

        private IEnumerable<ServiceEndpoint> PeerServerEndpoints(string peer)
        {
            foreach (var address in inputs.PeerServers.Where(p => p.Peer == peer).SelectMany(p => p.Addresses))
            {
                var colon = address.LastIndexOf(':');
                if (colon > 0 && int.TryParse(address.AsSpan(colon + 1), out var port))
                {
                    yield return new ServiceEndpoint(address[..colon].Trim('[', ']'), port);
                }
            }
        }

        // A TCP chain is a single resolver (Consul's simpleChainTarget): its target's sidecars, when the target is here.
        private List<ServiceEndpoint> ExportedTcpEndpoints(string service)
        {
            var chain = Chains[service];
            var plan = ChainPlan.From(chain, failover: false);
            var targetId = plan.Decide(null, 0).Resolver?.PrimaryTarget;
            if (targetId is null || !chain.Targets.TryGetValue(targetId, out var target))
            {
                return [];
            }

            return LocalEndpoints(target) ?? [];
        }

        // The exporter's chain, TLS terminated here: only once the gateway's leaf and the peer's bundle are known.
        private TerminatingRoute? Terminating(MeshGatewayRoute route)
        {
            if (inputs.Leaf is null)
            {
                return null;
            }

            var bundle = inputs.PeerBundles.FirstOrDefault(b => b.PeerName == route.Peer);
            if (bundle is null)
            {
                Warnings.Add($"exported service {route.Service}: no trust bundle from peer {route.Peer} yet; its callers are refused");
                return null;
            }

            var chain = Chains[route.Service];
            var plan = ChainPlan.From(chain, failover: false);
            var targets = new Dictionary<string, TargetSnapshot>(StringComparer.Ordinal);
            foreach (var target in plan.TargetIds.Select(id => chain.Targets[id]))
            {
                if (LocalEndpoints(target) is { } endpoints)
                {
                    targets[target.Id] = new TargetSnapshot
                    {
                        Id = target.Id,
                        Tls = new ClientTlsSettings(
                            target.Sni,
                            [SpiffeId.ForService(roots.TrustDomain, target.Datacenter, target.Service, target.Namespace)],
                            LocalTrust,
                            MeshTls.AlpnFor(chain.Protocol)),
                        ConnectTimeout = target.ConnectTimeout > TimeSpan.Zero
                            ? target.ConnectTimeout
                            : PassthroughRoute.DefaultConnectTimeout,
                        Endpoints = endpoints,
                    };
                }
            }

            return new TerminatingRoute
            {
                Route = route,
                ClientTrust = new TrustStore([bundle]),
                Chain = new UpstreamSnapshot
                {
                    Upstream = new Upstream { DestinationName = route.Service },
                    Protocol = chain.Protocol,
                    Plan = plan,
                    Targets = targets,
                },
            };
        }

        // The sidecars of a target in this cluster; null (with Consul's warning) for one in another datacenter or a peer.
        private List<ServiceEndpoint>? LocalEndpoints(DiscoveryTarget target)
        {
            if (target.Peer.Length > 0 || target.Datacenter != inputs.Datacenter)
            {
                Warnings.Add($"{CrossBoundaryWarning}: {target.Id}");
                return null;
            }

            if (target.Subset.Filter.Length > 0)
            {
                Warnings.Add($"target {target.Id}: subset filters are not evaluated by the built-in proxy; every instance is used");
            }

            var key = new EndpointKey(target.Service, "");
            Needs.Add(key);
            return inputs.Endpoints.GetValueOrDefault(key, [])
                .Select(e => Endpoint(e.Address, e.Port, e, target.Subset.OnlyPassing))
                .ToList();
        }

        private static ServiceEndpoint Endpoint(string address, int port, EndpointInput input, bool onlyPassing = false)
        {
            var health = EndpointHealth.Evaluate(input.CheckStatuses, input.Weights, onlyPassing);
            return new ServiceEndpoint(address, port, health.Healthy, health.Weight);
        }
    }
}
