using Microsoft.Extensions.Logging.Abstractions;
using Parley.Client;
using Parley.Proxy.Config;
using Parley.Proxy.Hosting;

namespace Parley.IntegrationTests.Mesh;

/// <summary>A sidecar for a registered proxy, run in this process: the config source over the agent's HTTP API and the data plane.</summary>
internal sealed class InProcessSidecar : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly DataPlaneServices _services = new(NullLoggerFactory.Instance, TimeProvider.System);
    private readonly SidecarProxy _proxy;
    private readonly Task _serving;
    private readonly Task _watching;

    public InProcessSidecar(ParleyClient client, string proxyId)
    {
        var feed = new SnapshotFeed<ProxySnapshot>();
        _proxy = new SidecarProxy(feed, _services);
        _serving = _proxy.RunAsync(_stop.Token);
        var source = new ProxyConfigSource(new ClientAgentReads(client), proxyId, new WatchOptions(), TimeProvider.System, NullLogger<ProxyConfigSource>.Instance);
        _watching = source.RunAsync(feed, _stop.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_serving, _watching).WaitAsync(TimeSpan.FromSeconds(20));
        await _proxy.DisposeAsync();
        _services.Dispose();
        _stop.Dispose();
    }
}
