using Parley.Core.ConfigEntries;
using Parley.Core.Connect;
using Parley.Core.DiscoveryChain;
using Parley.Core.DiscoveryChain.Execution;
using Parley.Proxy.Config.Inputs;
using Parley.Proxy.Tls;

namespace Parley.Proxy.Config;

/// <summary>
/// Turns what the agent said (<see cref="ProxyInputs"/>) into a <see cref="ProxySnapshot"/>: the public listener from
/// the effective registration, trust from roots and bundles, intentions for the service, and per upstream either the
/// discovery chain compiled locally (Consul: the caller's proxy compiles it) or, for a peer upstream, a single peer
/// target (no chain, as Consul); each target with its endpoints, health, SNI, expected SANs and trusted roots.
/// </summary>
/// <remarks>Pure: same inputs, same snapshot. A chain that no longer compiles keeps its last good plan.</remarks>
public static partial class SnapshotBuilder
{
    /// <summary>Where a sidecar listens when its registration has no address (Consul's built-in proxy: all interfaces).</summary>
    public const string DefaultBindAddress = "0.0.0.0";

    /// <summary>The resolver connect timeout when nothing sets one.</summary>
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Builds the snapshot, or says what is still missing through a null <see cref="SnapshotBuild.Snapshot"/>.</summary>
    /// <param name="inputs">What has been read.</param>
    /// <param name="lastGoodChains">The chains of the last build, by upstream identifier: they stand in for chains that fail to
    /// compile.</param>
    public static SnapshotBuild Build(ProxyInputs inputs, IReadOnlyDictionary<string, CompiledDiscoveryChain>? lastGoodChains = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var warnings = new List<string>();
        var needs = new HashSet<EndpointKey>();
        if (inputs.Registration is not { } registration || inputs.LocalRoots is not { } roots)
        {
            return new SnapshotBuild(null, needs, false, warnings)
            {
                Chains = lastGoodChains ?? new Dictionary<string, CompiledDiscoveryChain>(),
            };
        }

        var proxy = registration.Proxy;
        var service = proxy.DestinationServiceName.Length > 0 ? proxy.DestinationServiceName : registration.Service;
        var context = new BuildContext(inputs, roots, proxy, warnings, needs, lastGoodChains);
        var upstreams = new List<UpstreamSnapshot>();
        foreach (var upstream in proxy.Upstreams)
        {
            if (context.BuildUpstream(upstream) is { } built)
            {
                upstreams.Add(built);
            }
        }

        if (inputs.Leaf is not { } leaf || inputs.Datacenter.Length == 0)
        {
            return new SnapshotBuild(null, needs, context.NeedsLocalMeshGateways, warnings) { Chains = context.Chains };
        }

        var snapshot = new ProxySnapshot
        {
            ProxyId = registration.Id,
            Service = service,
            Datacenter = inputs.Datacenter,
            TrustDomain = roots.TrustDomain,
            Leaf = leaf,
            InboundTrust = new TrustStore([roots, .. inputs.InboundPeerBundles]),
            Inbound = new InboundSnapshot(
                registration.Address.Length > 0 ? registration.Address : DefaultBindAddress,
                registration.Port,
                proxy.LocalServiceAddress.Length > 0 ? proxy.LocalServiceAddress : "127.0.0.1",
                proxy.LocalServicePort,
                ProxyConfigValues.Protocol(proxy.Config),
                ProxyConfigValues.Milliseconds(proxy.Config, "local_connect_timeout_ms") ?? InboundSnapshot.DefaultLocalConnectTimeout),
            Intentions = new IntentionRules(
                inputs.Entries.GetValueOrDefault(ConfigEntryKinds.ServiceIntentions, []).OfType<ServiceIntentionsConfigEntry>(),
                service,
                inputs.DefaultAllow),
            Upstreams = upstreams,
        };
        return new SnapshotBuild(snapshot, needs, context.NeedsLocalMeshGateways, warnings) { Chains = context.Chains };
    }

    /// <summary>The state of one build.</summary>
    private sealed partial class BuildContext(
        ProxyInputs inputs,
        TrustBundle roots,
        ConnectProxyConfig proxy,
        List<string> warnings,
        HashSet<EndpointKey> needs,
        IReadOnlyDictionary<string, CompiledDiscoveryChain>? lastGoodChains)
    {
        private ConfigEntrySet? _entries;

        public bool NeedsLocalMeshGateways { get; private set; }

        public Dictionary<string, CompiledDiscoveryChain> Chains { get; } = new(StringComparer.Ordinal);

        private ConfigEntrySet Entries => _entries ??= new ConfigEntrySet(inputs.Entries.Values.SelectMany(e => e));

        public UpstreamSnapshot? BuildUpstream(Upstream upstream)
        {
            if (upstream.EffectiveType != Upstream.TypeService)
            {
                warnings.Add($"upstream {upstream.Identifier}: prepared queries are not supported by the built-in proxy");
                return null;
            }

            if (upstream.LocalBindPort <= 0)
            {
                warnings.Add($"upstream {upstream.Identifier}: no local bind port");
                return null;
            }

            var mode = upstream.MeshGateway.Mode.Length > 0 ? upstream.MeshGateway.Mode : proxy.MeshGateway.Mode;
            if (mode == "none" && upstream.DestinationPeer.Length > 0)
            {
                warnings.Add($"invalid mesh gateway mode 'none', defaulting to 'remote' for \"{upstream.Identifier}\"");
            }

            var connectTimeout = ProxyConfigValues.Milliseconds(upstream.Config, "connect_timeout_ms");
            if (upstream.DestinationPeer.Length > 0)
            {
                return PeerUpstream(upstream, mode, connectTimeout ?? DefaultConnectTimeout);
            }

            CompiledDiscoveryChain chain;
            try
            {
                chain = DiscoveryChainCompiler.Compile(new DiscoveryChainRequest
                {
                    ServiceName = upstream.DestinationName,
                    EvaluateInDatacenter = inputs.Datacenter.Length > 0 ? inputs.Datacenter : "dc1",
                    EvaluateInTrustDomain = roots.TrustDomain,
                    OverrideProtocol = ProxyConfigValues.Protocol(upstream.Config, ""),
                    OverrideConnectTimeout = connectTimeout ?? TimeSpan.Zero,
                    Entries = Entries,
                });
            }
            catch (ConfigEntryGraphException e)
            {
                warnings.Add($"upstream {upstream.Identifier}: discovery chain does not compile: {e.Message}");
                if (lastGoodChains?.GetValueOrDefault(upstream.Identifier) is not { } last)
                {
                    return null;
                }

                chain = last;
            }

            Chains[upstream.Identifier] = chain;

            var targets = new Dictionary<string, TargetSnapshot>(StringComparer.Ordinal);
            foreach (var target in chain.Targets.Values)
            {
                targets[target.Id] = target.Peer.Length > 0
                    ? PeerTarget(target.Id, target.Service, target.Peer, mode, chain.Protocol, target.ConnectTimeout)
                    : LocalTarget(target, chain.Protocol);
            }

            return new UpstreamSnapshot { Upstream = upstream, Protocol = chain.Protocol, Plan = ChainPlan.From(chain), Targets = targets };
        }
    }
}
