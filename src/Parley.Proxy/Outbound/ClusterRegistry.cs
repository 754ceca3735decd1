using Parley.Proxy.Config;
using Parley.Proxy.Tls;

namespace Parley.Proxy.Outbound;

/// <summary>
/// Keeps one <see cref="Cluster"/> per distinct target across snapshots: a target seen again keeps its cluster (and its
/// pooled connections) with updated endpoints; a cluster no snapshot uses any more is disposed after a grace period,
/// so requests still running on it finish.
/// </summary>
/// <remarks>Called from the snapshot loop only; the maps it returns are immutable.</remarks>
internal sealed class ClusterRegistry(Func<LeafCertificate> leaf, TimeProvider timeProvider, Action<string>? onRefused = null) : IDisposable
{
    /// <summary>How long a cluster no longer used is kept before its connections are closed.</summary>
    public static readonly TimeSpan RetireAfter = TimeSpan.FromMinutes(1);

    private readonly Dictionary<string, Cluster> _clusters = new(StringComparer.Ordinal);

    /// <summary>The clusters currently in use.</summary>
    public int Count => _clusters.Count;

    /// <summary>Brings the clusters in line with <paramref name="snapshot"/> and returns the upstreams by ID.</summary>
    public IReadOnlyDictionary<string, UpstreamRuntime> Apply(ProxySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return Apply(snapshot.Upstreams);
    }

    /// <summary>
    /// Brings the clusters in line with <paramref name="upstreams"/> (a sidecar's upstreams, or the chains a mesh gateway
    /// runs for the HTTP services it exports) and returns them by ID.
    /// </summary>
    public IReadOnlyDictionary<string, UpstreamRuntime> Apply(IEnumerable<UpstreamSnapshot> upstreams)
    {
        ArgumentNullException.ThrowIfNull(upstreams);
        var used = new HashSet<string>(StringComparer.Ordinal);
        var runtimes = new Dictionary<string, UpstreamRuntime>(StringComparer.Ordinal);
        foreach (var upstream in upstreams)
        {
            var clusters = new Dictionary<string, Cluster>(StringComparer.Ordinal);
            foreach (var (id, target) in upstream.Targets)
            {
                var key = Cluster.KeyOf(target, upstream.Protocol);
                if (!_clusters.TryGetValue(key, out var cluster))
                {
                    cluster = new Cluster(target, upstream.Protocol, leaf, timeProvider, onRefused);
                    _clusters[key] = cluster;
                }
                else if (!used.Contains(key))
                {
                    cluster.Update(target);
                }

                used.Add(key);
                clusters[id] = cluster;
            }

            runtimes[upstream.Id] = new UpstreamRuntime(upstream, clusters);
        }

        foreach (var key in _clusters.Keys.Where(k => !used.Contains(k)).ToList())
        {
            Retire(_clusters[key]);
            _clusters.Remove(key);
        }

        return runtimes;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var cluster in _clusters.Values)
        {
            cluster.Dispose();
        }

        _clusters.Clear();
    }

    private void Retire(Cluster cluster)
    {
        ITimer? timer = null;
        timer = timeProvider.CreateTimer(_ =>
        {
            cluster.Dispose();
            timer?.Dispose();
        }, null, RetireAfter, Timeout.InfiniteTimeSpan);
    }
}
