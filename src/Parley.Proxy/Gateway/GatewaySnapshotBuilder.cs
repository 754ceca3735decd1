using Parley.Core.ConfigEntries;
using Parley.Core.Connect.Gateway;
using Parley.Core.DiscoveryChain;
using Parley.Proxy.Config.Inputs;
using Parley.Proxy.Gateway.Inputs;

namespace Parley.Proxy.Gateway;

/// <summary>
/// Turns what the agent said (<see cref="GatewayInputs"/>) into a <see cref="GatewaySnapshot"/>: each exported service's
/// chain compiled here (the exporter's protocol and routing), Core's <see cref="MeshGatewayRouteTable"/> for what each
/// SNI means, and per route where its traffic goes — local servers, a peer's servers, an exported service's healthy
/// sidecars, the exporter's chain for HTTP services, or the gateways of the peer a service is imported from.
/// </summary>
/// <remarks>Pure: same inputs, same snapshot. A chain that no longer compiles keeps its last good plan.</remarks>
public static partial class GatewaySnapshotBuilder
{
    /// <summary>Where a gateway listens when its registration has no address: all interfaces.</summary>
    public const string DefaultBindAddress = "0.0.0.0";

    /// <summary>The config entry kinds a gateway reads.</summary>
    public static readonly IReadOnlyList<string> WatchedKinds =
    [
        ConfigEntryKinds.ProxyDefaults, ConfigEntryKinds.ServiceDefaults, ConfigEntryKinds.ServiceResolver,
        ConfigEntryKinds.ServiceSplitter, ConfigEntryKinds.ServiceRouter, ConfigEntryKinds.Mesh,
    ];

    /// <summary>Builds the snapshot, or says what is still missing through a null <see cref="GatewaySnapshotBuild.Snapshot"/>.</summary>
    /// <param name="inputs">What has been read.</param>
    /// <param name="lastGoodChains">The chains of the last build, by service.</param>
    public static GatewaySnapshotBuild Build(
        GatewayInputs inputs, IReadOnlyDictionary<string, CompiledDiscoveryChain>? lastGoodChains = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Registration is not { } registration || inputs.LocalRoots is not { } roots || inputs.Datacenter.Length == 0)
        {
            return new GatewaySnapshotBuild(null, new HashSet<EndpointKey>(), false, [])
            {
                Chains = lastGoodChains ?? new Dictionary<string, CompiledDiscoveryChain>(),
            };
        }

        var context = new BuildContext(inputs, roots, lastGoodChains);
        var snapshot = context.Build(registration);
        return new GatewaySnapshotBuild(snapshot, context.Needs, context.PeerThroughMeshGateways, context.Warnings)
        {
            Chains = context.Chains,
        };
    }

    /// <summary>The state of one build.</summary>
    private sealed partial class BuildContext(
        GatewayInputs inputs, Tls.TrustBundle roots, IReadOnlyDictionary<string, CompiledDiscoveryChain>? lastGoodChains)
    {
        private ConfigEntrySet? _entries;

        public HashSet<EndpointKey> Needs { get; } = [];

        public List<string> Warnings { get; } = [];

        public Dictionary<string, CompiledDiscoveryChain> Chains { get; } = new(StringComparer.Ordinal);

        public bool PeerThroughMeshGateways
            => Entries.Get(ConfigEntryKinds.Mesh, "mesh") is MeshConfigEntry { Peering.PeerThroughMeshGateways: true };

        private ConfigEntrySet Entries => _entries ??= new ConfigEntrySet(inputs.Entries.Values.SelectMany(e => e));

        public GatewaySnapshot Build(ProxyRegistration registration)
        {
            var exports = new List<MeshGatewayExport>();
            foreach (var export in inputs.Exports)
            {
                if (Chain(export.Service) is { } chain)
                {
                    exports.Add(new MeshGatewayExport(export.Service, chain.Protocol, export.Peers));
                }
            }

            var table = MeshGatewayRouteTable.Build(new MeshGatewayRoutingInput
            {
                Datacenter = inputs.Datacenter,
                TrustDomain = roots.TrustDomain,
                PeerThroughMeshGateways = PeerThroughMeshGateways,
                HasLocalServers = inputs.LocalServers is { Count: > 0 },
                Exports = exports,
                Imports = Imports(),
                PeerServers = inputs.PeerServers.Select(p => new MeshGatewayPeerServers(p.Peer, p.ServerName)).ToList(),
            });

            var routes = new Dictionary<string, GatewayRouteSnapshot>(StringComparer.OrdinalIgnoreCase);
            foreach (var route in table.Routes)
            {
                if (Route(route) is { } built)
                {
                    routes[route.Sni] = built;
                }
            }

            return new GatewaySnapshot
            {
                ServiceId = registration.Id,
                Service = registration.Service,
                Datacenter = inputs.Datacenter,
                TrustDomain = roots.TrustDomain,
                Leaf = inputs.Leaf,
                BindAddress = registration.Address.Length > 0 ? registration.Address : DefaultBindAddress,
                BindPort = registration.Port,
                Table = table,
                Routes = routes,
            };
        }

        // The exporter's chain for an exported service, compiled as its gateway sees it (Consul compiles it for the gateway).
        private CompiledDiscoveryChain? Chain(string service)
        {
            CompiledDiscoveryChain chain;
            try
            {
                chain = DiscoveryChainCompiler.Compile(new DiscoveryChainRequest
                {
                    ServiceName = service,
                    EvaluateInDatacenter = inputs.Datacenter,
                    EvaluateInTrustDomain = roots.TrustDomain,
                    Entries = Entries,
                });
            }
            catch (ConfigEntryGraphException e)
            {
                Warnings.Add($"exported service {service}: discovery chain does not compile: {e.Message}");
                if (lastGoodChains?.GetValueOrDefault(service) is not { } last)
                {
                    return null;
                }

                chain = last;
            }

            Chains[service] = chain;
            return chain;
        }

        // An imported service is routed by the SNI its exporter computed for us, as its synthetic instances carry it.
        private List<MeshGatewayImport> Imports()
        {
            var imports = new List<MeshGatewayImport>();
            foreach (var import in inputs.Imports)
            {
                var key = new EndpointKey(import.Service, import.Peer);
                Needs.Add(key);
                var sni = inputs.Endpoints.GetValueOrDefault(key, [])
                    .Select(e => e.PeerMeta?.PrimarySni ?? "")
                    .FirstOrDefault(s => s.Length > 0);
                if (sni is not null)
                {
                    imports.Add(new MeshGatewayImport(import.Service, import.Peer, sni));
                }
            }

            return imports;
        }
    }
}
