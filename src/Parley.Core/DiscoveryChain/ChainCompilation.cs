using System.Globalization;
using System.Text;
using Parley.Core.ConfigEntries;
using Parley.Core.Go;

namespace Parley.Core.DiscoveryChain;

/// <summary>The state of one compilation (Consul's single-use <c>compiler</c>); not thread-safe, used once.</summary>
internal sealed partial class ChainCompilation
{
    private readonly DiscoveryChainRequest _request;
    private readonly IConfigEntryLookup _entries;
    private readonly Dictionary<string, ServiceResolverConfigEntry> _resolvers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DiscoveryGraphNode> _splitterNodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DiscoveryGraphNode> _resolveNodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DiscoveryGraphNode> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DiscoveryTarget> _loadedTargets = new(StringComparer.Ordinal);
    private readonly HashSet<string> _retainedTargets = new(StringComparer.Ordinal);
    private readonly bool _disableAdvancedRoutingFeatures;

    private bool _usesAdvancedRoutingFeatures;
    private bool _customizedByMeshGateway;
    private bool _customizedByProtocol;
    private bool _customizedByConnectTimeout;
    private string _protocol = "";
    private IReadOnlyDictionary<string, string> _serviceMeta = new Dictionary<string, string>();
    private string _startNode = "";

    public ChainCompilation(DiscoveryChainRequest request)
    {
        _request = request;
        _entries = request.Entries;
        if (request.OverrideProtocol.Length > 0)
        {
            _disableAdvancedRoutingFeatures = !DiscoveryChainCompiler.IsHttpLikeProtocol(request.OverrideProtocol);
        }
    }

    private string ServiceName => _request.ServiceName;

    private string EvaluateInNamespace => _request.EvaluateInNamespace;

    private string EvaluateInPartition => _request.EvaluateInPartition;

    public CompiledDiscoveryChain Compile()
    {
        AssembleChain();
        DetectCircularReferences();
        FlattenAdjacentSplitterNodes();
        RemoveUnusedNodes();

        foreach (var targetId in _loadedTargets.Keys.ToList())
        {
            if (!_retainedTargets.Contains(targetId))
            {
                _loadedTargets.Remove(targetId);
            }
        }

        if (!DiscoveryChainCompiler.IsHttpLikeProtocol(_protocol) && _usesAdvancedRoutingFeatures)
        {
            throw new ConfigEntryGraphException(
                $"discovery chain {Q(ServiceName)} uses a protocol {Q(_protocol)} that does not permit advanced routing or splitting " +
                    $"behavior");
        }

        if (_request.OverrideProtocol.Length > 0 && _request.OverrideProtocol != _protocol)
        {
            _protocol = _request.OverrideProtocol;
            _customizedByProtocol = true;
        }

        return new CompiledDiscoveryChain
        {
            ServiceName = ServiceName,
            Namespace = EvaluateInNamespace,
            Partition = EvaluateInPartition,
            Datacenter = _request.EvaluateInDatacenter,
            CustomizationHash = CustomizationHash(),
            Default = DetermineIfDefaultChain(),
            Protocol = _protocol,
            ServiceMeta = _serviceMeta,
            StartNode = _startNode,
            Nodes = _nodes,
            Targets = _loadedTargets,
        };
    }

    private ServiceDefaultsConfigEntry? GetServiceDefaults(string service) =>
        _entries.Get(ConfigEntryKinds.ServiceDefaults, service) as ServiceDefaultsConfigEntry;

    private ProxyDefaultsConfigEntry? GetProxyDefaults() =>
        _entries.Get(ConfigEntryKinds.ProxyDefaults, ConfigEntryKinds.ProxyDefaultsGlobalName) as ProxyDefaultsConfigEntry;

    private void RecordServiceProtocol(string service)
    {
        if (GetServiceDefaults(service) is { } serviceDefaults)
        {
            RecordProtocol(service, serviceDefaults.Protocol);
            return;
        }

        RecordProtocol(service, GetProxyDefaults()?.Protocol ?? "");
    }

    private void RecordProtocol(string fromService, string protocol)
    {
        protocol = protocol.Length == 0 ? "tcp" : protocol.ToLowerInvariant();
        if (_protocol.Length == 0)
        {
            _protocol = protocol;
        }
        else if (_protocol != protocol)
        {
            throw new ConfigEntryGraphException(
                $"discovery chain {Q(ServiceName)} uses inconsistent protocols;" +
                    $" service {Q(fromService)} has {Q(protocol)} which is not {Q(_protocol)}");
        }
    }

    private void RecordNode(DiscoveryGraphNode node)
    {
        switch (node.Type)
        {
            case DiscoveryGraphNodeType.Splitter:
                _splitterNodes[node.Name] = node;
                break;
            case DiscoveryGraphNodeType.Resolver:
                _resolveNodes[node.Resolver!.Target] = node;
                break;
            default:
                break;
        }

        _nodes[node.MapKey] = node;
    }

    private bool DetermineIfDefaultChain()
    {
        if (_startNode.Length == 0 || _nodes.Count == 0)
        {
            return true;
        }

        var node = _nodes[_startNode];
        if (node.Type != DiscoveryGraphNodeType.Resolver || node.Resolver is not { Default: true } resolver)
        {
            return false;
        }

        var target = _loadedTargets[resolver.Target];
        return target.Service == ServiceName && target.Namespace == EvaluateInNamespace && target.Partition == EvaluateInPartition;
    }

    // Consul hashes the overrides that changed something and keeps 8 hex characters. Parley hashes the same
    // inputs with FNV-1a, so the value differs from Consul's but has the same meaning: equal customizations
    // give equal hashes, and no customization gives none.
    private string CustomizationHash()
    {
        if (!_customizedByMeshGateway && !_customizedByProtocol && !_customizedByConnectTimeout)
        {
            return "";
        }

        var text = new StringBuilder();
        text.Append(_customizedByMeshGateway ? _request.OverrideMeshGateway.Mode : "").Append('|');
        text.Append(_customizedByProtocol ? _request.OverrideProtocol : "").Append('|');
        text.Append(_customizedByConnectTimeout ? _request.OverrideConnectTimeout.Ticks : 0);
        ulong hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(text.ToString()))
        {
            hash ^= b;
            hash *= 1099511628211UL;
        }

        return hash.ToString("x16", CultureInfo.InvariantCulture)[..8];
    }

    private static string ServiceIdString(string service, string ns, string partition) => $"{service}.{ns}.{partition}";

    private static string Q(string s) => GoQuote.Quote(s);
}
