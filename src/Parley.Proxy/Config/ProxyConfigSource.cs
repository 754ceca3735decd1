using Microsoft.Extensions.Logging;
using Parley.Core.ConfigEntries;
using Parley.Core.DiscoveryChain;
using Parley.Proxy.Config.Inputs;

namespace Parley.Proxy.Config;

/// <summary>
/// The sidecar's config source: blocking-query watches on the local agent (the proxy's registration, its leaf, the
/// roots, the peers' trust bundles, the config entries its chains and intentions need, the endpoints of every chain
/// target, the local mesh gateways when a peer target goes through them) feeding one <see cref="ProxyInputs"/>; each
/// change rebuilds the snapshot and publishes it. Endpoint watches start and stop as chains gain and lose targets.
/// </summary>
/// <remarks>
/// Watches run concurrently; their results are applied one at a time under a lock, so builds see a consistent input
/// and snapshots are published in order. Nothing here restarts anything: the data plane follows the snapshots.
/// </remarks>
public sealed partial class ProxyConfigSource
{
    /// <summary>The config entry kinds a sidecar watches.</summary>
    public static readonly IReadOnlyList<string> WatchedKinds =
    [
        ConfigEntryKinds.ProxyDefaults, ConfigEntryKinds.ServiceDefaults, ConfigEntryKinds.ServiceResolver,
        ConfigEntryKinds.ServiceSplitter, ConfigEntryKinds.ServiceRouter, ConfigEntryKinds.ServiceIntentions,
    ];

    private readonly IAgentReads _reads;
    private readonly string _proxyId;
    private readonly WatchPlumbing _plumbing;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private ProxyInputs _inputs;
    private IReadOnlyDictionary<string, CompiledDiscoveryChain> _chains = new Dictionary<string, CompiledDiscoveryChain>();
    private SnapshotFeed<ProxySnapshot>? _feed;
    private WatchGroup? _dynamic;

    /// <summary>A source for the proxy registered as <paramref name="proxyId"/>.</summary>
    /// <param name="reads">The agent.</param>
    /// <param name="proxyId">The proxy's registration ID.</param>
    /// <param name="options">Blocking-query settings.</param>
    /// <param name="timeProvider">The clock for retries.</param>
    /// <param name="logger">Where watch failures and configuration warnings go.</param>
    /// <param name="defaultAllow">The intention default: true with ACLs off (Consul), false for a default-deny ACL policy.</param>
    public ProxyConfigSource(
        IAgentReads reads, string proxyId, WatchOptions options, TimeProvider timeProvider, ILogger<ProxyConfigSource> logger,
            bool defaultAllow = true)
    {
        ArgumentNullException.ThrowIfNull(reads);
        ArgumentException.ThrowIfNullOrEmpty(proxyId);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _reads = reads;
        _proxyId = proxyId;
        _logger = logger;
        _plumbing = new WatchPlumbing(reads, options, timeProvider, logger);
        _inputs = new ProxyInputs { DefaultAllow = defaultAllow };
    }

    /// <summary>What has been read so far.</summary>
    public ProxyInputs Inputs
    {
        get
        {
            lock (_lock)
            {
                return _inputs;
            }
        }
    }

    /// <summary>
    /// Watches the agent and publishes snapshots to <paramref name="feed"/> until <paramref name="cancellationToken"/> fires.
    /// </summary>
    public async Task RunAsync(SnapshotFeed<ProxySnapshot> feed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(feed);
        _feed = feed;
        using var dynamic = new WatchGroup(cancellationToken);
        _dynamic = dynamic;
        var datacenter = await _plumbing.DatacenterAsync(cancellationToken).ConfigureAwait(false);
        if (datacenter is null)
        {
            return;
        }

        Update(i => i with { Datacenter = datacenter });
        List<Task> watches =
        [
            _plumbing.Watch(
                "proxy " + _proxyId, (index, wait, ct) => _reads.ProxyAsync(_proxyId, index, wait, ct), OnRegistration, cancellationToken),
            _plumbing.Watch("roots", _reads.RootsAsync, roots => Update(i => i with { LocalRoots = roots }), cancellationToken),
            _plumbing.Watch("peer trust bundles", (index, wait, ct) => _reads.PeerBundlesAsync(null, index, wait, ct),
                bundles => Update(i => i with { PeerBundles = bundles }), cancellationToken),
        ];
        foreach (var kind in WatchedKinds)
        {
            watches.Add(_plumbing.Watch("config " + kind, (index, wait, ct) => _reads.ConfigEntriesAsync(kind, index, wait, ct),
                entries => Update(i => i with { Entries = i.Entries.SetItem(kind, entries) }), cancellationToken));
        }

        await Task.WhenAll(watches).ConfigureAwait(false);
    }
}
