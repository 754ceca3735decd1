using Microsoft.Extensions.Logging.Abstractions;
using Parley.Proxy.Config;
using Parley.Proxy.Hosting;

namespace Parley.Proxy.Tests.Support;

/// <summary>A running sidecar data plane fed with hand-built snapshots.</summary>
internal sealed class SidecarHarness : IAsyncDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);
    private readonly SnapshotFeed<ProxySnapshot> _feed = new();
    private readonly DataPlaneServices _services;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    private SidecarHarness(TimeProvider timeProvider)
    {
        _services = new(NullLoggerFactory.Instance, timeProvider);
        Proxy = new SidecarProxy(_feed, _services);
        _running = Proxy.RunAsync(_stop.Token);
    }

    public SidecarProxy Proxy { get; }

    public ProxySnapshot Current => Proxy.Current!;

    /// <summary>
    /// Starts a data plane on <paramref name="timeProvider"/>'s clock (the system's when null) running <paramref name="snapshot"/>.
    /// </summary>
    public static async Task<SidecarHarness> StartAsync(ProxySnapshot snapshot, TimeProvider? timeProvider = null)
    {
        var harness = new SidecarHarness(timeProvider ?? TimeProvider.System);
        await harness.PublishAsync(snapshot);
        return harness;
    }

    /// <summary>Publishes a snapshot and waits until the data plane runs on it.</summary>
    public async Task PublishAsync(ProxySnapshot snapshot)
    {
        _feed.Publish(snapshot);
        await Proxy.WaitAppliedAsync(snapshot, TestContext.Current.CancellationToken)
            .WaitAsync(Bound, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running.WaitAsync(Bound, CancellationToken.None);
        await Proxy.DisposeAsync();
        _services.Dispose();
        _stop.Dispose();
    }
}
