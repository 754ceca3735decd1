using Microsoft.Extensions.Logging;
using Parley.Core.DiscoveryChain;
using Parley.Proxy.Config;
using Parley.Proxy.Config.Inputs;
using Parley.Proxy.Gateway.Inputs;

namespace Parley.Proxy.Gateway;

/// <summary>
/// The mesh gateway's config source: blocking-query watches on the local agent (its registration, its leaf, the roots,
/// the peers' trust bundles, the config entries its exported chains need, what is exported and imported, the peerings
/// dialed) feeding one <see cref="GatewayInputs"/>; each change rebuilds the snapshot and publishes it. The endpoint
/// watches (exported chains' local targets, imported services) and the local servers' watch start and stop as the
/// routes ask for them.
/// </summary>
/// <remarks>
/// Watches run concurrently; their results are applied one at a time under a lock, so builds see a consistent input and
/// snapshots are published in order. Nothing restarts: the data plane follows the snapshots.
/// </remarks>
public sealed class GatewayConfigSource
{
    private readonly IGatewayReads _reads;
    private readonly string _gatewayId;
    private readonly WatchPlumbing _plumbing;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private GatewayInputs _inputs = new();
    private IReadOnlyDictionary<string, CompiledDiscoveryChain> _chains = new Dictionary<string, CompiledDiscoveryChain>();
    private SnapshotFeed<GatewaySnapshot>? _feed;
    private WatchGroup? _dynamic;

    /// <summary>A source for the gateway registered as <paramref name="gatewayId"/>.</summary>
    public GatewayConfigSource(
        IGatewayReads reads, string gatewayId, WatchOptions options, TimeProvider timeProvider, ILogger<GatewayConfigSource> logger)
    {
        ArgumentNullException.ThrowIfNull(reads);
        ArgumentException.ThrowIfNullOrEmpty(gatewayId);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _reads = reads;
        _gatewayId = gatewayId;
        _logger = logger;
        _plumbing = new WatchPlumbing(reads, options, timeProvider, logger);
    }

    /// <summary>What has been read so far.</summary>
    public GatewayInputs Inputs
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
    public async Task RunAsync(SnapshotFeed<GatewaySnapshot> feed, CancellationToken cancellationToken)
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
            _plumbing.Watch("gateway " + _gatewayId, (index, wait, ct) => _reads.ProxyAsync(_gatewayId, index, wait, ct), OnRegistration,
                cancellationToken),
            _plumbing.Watch(
                "mesh gateway leaf", _reads.MeshGatewayLeafAsync, leaf => Update(i => i with { Leaf = leaf }), cancellationToken),
            _plumbing.Watch("roots", _reads.RootsAsync, roots => Update(i => i with { LocalRoots = roots }), cancellationToken),
            _plumbing.Watch("peer trust bundles", (index, wait, ct) => _reads.PeerBundlesAsync(null, index, wait, ct),
                bundles => Update(i => i with { PeerBundles = bundles }), cancellationToken),
            _plumbing.Watch(
                "exported services", _reads.ExportedServicesAsync, exports => Update(i => i with { Exports = exports }), cancellationToken),
            _plumbing.Watch(
                "imported services", _reads.ImportedServicesAsync, imports => Update(i => i with { Imports = imports }), cancellationToken),
            _plumbing.Watch("peerings", _reads.PeerServersAsync, peers => Update(i => i with { PeerServers = peers }), cancellationToken),
        ];
        foreach (var kind in GatewaySnapshotBuilder.WatchedKinds)
        {
            watches.Add(_plumbing.Watch("config " + kind, (index, wait, ct) => _reads.ConfigEntriesAsync(kind, index, wait, ct),
                entries => Update(i => i with { Entries = i.Entries.SetItem(kind, entries) }), cancellationToken));
        }

        await Task.WhenAll(watches).ConfigureAwait(false);
    }

    private void OnRegistration(ProxyRegistration? registration)
    {
        if (registration is null)
        {
            _logger.ProxyRegistrationMissing(_gatewayId);
            return;
        }

        Update(i => i with { Registration = registration });
    }

    private void Update(Func<GatewayInputs, GatewayInputs> change)
    {
        lock (_lock)
        {
            _inputs = change(_inputs);
            var build = GatewaySnapshotBuilder.Build(_inputs, _chains);
            _chains = build.Chains;
            _plumbing.ReportWarnings(build.Warnings);
            Reconcile(build);
            if (build.Snapshot is { } snapshot)
            {
                _feed?.Publish(snapshot);
            }
        }
    }

    // Called under the lock: the watches follow what the latest build needs.
    private void Reconcile(GatewaySnapshotBuild build)
    {
        if (_dynamic is not { } dynamic)
        {
            return;
        }

        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in build.Endpoints)
        {
            var name = "endpoints " + key;
            wanted.Add(name);
            dynamic.Ensure(name, ct => _plumbing.Watch(name, (index, wait, c) => _reads.ConnectEndpointsAsync(key, index, wait, c),
                endpoints => Update(i => i with { Endpoints = i.Endpoints.SetItem(key, endpoints) }), ct));
        }

        if (build.NeedsLocalServers)
        {
            const string ServersKey = "local servers";
            wanted.Add(ServersKey);
            dynamic.Ensure(ServersKey,
                ct => _plumbing.Watch(ServersKey, _reads.LocalServersAsync, servers => Update(i => i with { LocalServers = servers }), ct));
        }

        dynamic.RetainOnly(wanted);
    }

}
