using System.Net;
using Parley.Proxy.Config;
using Parley.Proxy.Outbound;

namespace Parley.Proxy.Hosting;

/// <content>Upstream listeners: one per upstream, opened and closed as the registration changes.</content>
public sealed partial class SidecarProxy
{
    /// <summary>How long a removed upstream listener lets open requests finish.</summary>
    private static readonly TimeSpan UpstreamDrain = TimeSpan.FromSeconds(5);

    private readonly Dictionary<(string Id, string Address, int Port), UpstreamListener> _upstreamListeners = [];
    private IReadOnlyDictionary<string, UpstreamRuntime> _outbound = new Dictionary<string, UpstreamRuntime>();
    private ClusterRegistry? _clusters;

    /// <summary>Where each upstream listens, by Consul's upstream identifier.</summary>
    public IReadOnlyDictionary<string, IPEndPoint> UpstreamEndpoints =>
        _upstreamListeners.ToDictionary(p => p.Key.Id, p => p.Value.Endpoint);

    private async Task ApplyUpstreamsAsync(ProxySnapshot snapshot, CancellationToken cancellationToken)
    {
        _clusters ??= new ClusterRegistry(() => Volatile.Read(ref _current)!.Leaf, _services.TimeProvider);
        Volatile.Write(ref _outbound, _clusters.Apply(snapshot));

        var wanted = snapshot.Upstreams.ToDictionary(
            u => (u.Id, u.Upstream.EffectiveBindAddress, u.Upstream.LocalBindPort), u => u);
        foreach (var key in _upstreamListeners.Keys.Where(k => !wanted.ContainsKey(k)).ToList())
        {
            var listener = _upstreamListeners[key];
            _upstreamListeners.Remove(key);
            await listener.StopAsync(UpstreamDrain).ConfigureAwait(false);
        }

        foreach (var (key, upstream) in wanted)
        {
            if (_upstreamListeners.ContainsKey(key) || upstream.Upstream.LocalBindPort <= 0)
            {
                continue;
            }

            var id = upstream.Id;
            var address = IPAddress.TryParse(key.EffectiveBindAddress, out var ip) ? ip : IPAddress.Loopback;
            try
            {
                _upstreamListeners[key] = await UpstreamListener.StartAsync(
                    id, new IPEndPoint(address, key.LocalBindPort), () => Volatile.Read(ref _outbound).GetValueOrDefault(id),
                    _services, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                _logger.ListenerBindFailed(id, $"{key.EffectiveBindAddress}:{key.LocalBindPort}", e.Message);
            }
        }
    }

    private async Task StopUpstreamsAsync()
    {
        foreach (var listener in _upstreamListeners.Values)
        {
            await listener.DisposeAsync().ConfigureAwait(false);
        }

        _upstreamListeners.Clear();
        _clusters?.Dispose();
        _clusters = null;
    }
}
