using Microsoft.Extensions.Logging.Abstractions;
using Parley.Proxy.Config;
using Parley.Proxy.Gateway;
using Parley.Proxy.Hosting;

namespace Parley.Proxy.Tests.Support;

/// <summary>A running mesh gateway data plane fed with hand-built snapshots.</summary>
internal sealed class GatewayHarness : IAsyncDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);
    private readonly SnapshotFeed<GatewaySnapshot> _feed = new();
    private readonly DataPlaneServices _services = new(NullLoggerFactory.Instance, TimeProvider.System);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    private GatewayHarness()
    {
        Gateway = new MeshGateway(_feed, _services);
        _running = Gateway.RunAsync(_stop.Token);
    }

    public MeshGateway Gateway { get; }

    public int Port => Gateway.Endpoint!.Port;

    public static async Task<GatewayHarness> StartAsync(GatewaySnapshot snapshot)
    {
        var harness = new GatewayHarness();
        await harness.PublishAsync(snapshot);
        return harness;
    }

    /// <summary>Publishes a snapshot and waits until the data plane runs on it.</summary>
    public async Task PublishAsync(GatewaySnapshot snapshot)
    {
        _feed.Publish(snapshot);
        await Gateway.WaitAppliedAsync(snapshot, TestContext.Current.CancellationToken)
            .WaitAsync(Bound, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running.WaitAsync(Bound, CancellationToken.None);
        await Gateway.DisposeAsync();
        _services.Dispose();
        _stop.Dispose();
    }
}
