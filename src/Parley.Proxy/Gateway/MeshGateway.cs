using System.Net;
using Microsoft.Extensions.Logging;
using Parley.Proxy.Config;
using Parley.Proxy.Hosting;
using Parley.Proxy.Outbound;

namespace Parley.Proxy.Gateway;

/// <summary>
/// The mesh gateway's data plane: applies each <see cref="GatewaySnapshot"/> from the feed — it becomes current for the
/// next ClientHello, handshake and request; the listener is (re)bound when its address changes; the exported HTTP
/// services' clusters keep their pooled connections across snapshots.
/// </summary>
/// <remarks>Snapshots are applied one at a time on the <see cref="RunAsync"/> loop; handlers read the current one without locks.</remarks>
public sealed class MeshGateway : IAsyncDisposable
{
    private readonly SnapshotFeed<GatewaySnapshot> _feed;
    private readonly DataPlaneServices _services;
    private readonly ILogger _logger;
    private GatewaySnapshot? _current;
    private GatewaySnapshot? _applied;
    private GatewayListener? _listener;
    private (string Address, int Port)? _binding;
    private ClusterRegistry? _clusters;
    private IReadOnlyDictionary<string, UpstreamRuntime> _chains = new Dictionary<string, UpstreamRuntime>();
    private TaskCompletionSource _appliedSignal = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public MeshGateway(SnapshotFeed<GatewaySnapshot> feed, DataPlaneServices services)
    {
        ArgumentNullException.ThrowIfNull(feed);
        ArgumentNullException.ThrowIfNull(services);
        _feed = feed;
        _services = services;
        _logger = services.LoggerFactory.CreateLogger<MeshGateway>();
    }

    /// <summary>The snapshot in force, or null before the first.</summary>
    public GatewaySnapshot? Current => Volatile.Read(ref _current);

    /// <summary>Where the listener is bound, once it is.</summary>
    public IPEndPoint? Endpoint => _listener?.Endpoint;

    /// <summary>
    /// Applies snapshots until the feed completes or <paramref name="cancellationToken"/> fires, then closes the listener.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var snapshot in _feed.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                await ApplyAsync(snapshot, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            await StopAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Completes once <paramref name="snapshot"/> is in force, its listener included.</summary>
    /// <remarks>For tests and start-up: a snapshot replaced before it was read is never applied.</remarks>
    public async Task WaitAppliedAsync(GatewaySnapshot snapshot, CancellationToken cancellationToken)
    {
        while (true)
        {
            var signal = Volatile.Read(ref _appliedSignal);
            if (ReferenceEquals(Volatile.Read(ref _applied), snapshot))
            {
                return;
            }

            await signal.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private async Task ApplyAsync(GatewaySnapshot snapshot, CancellationToken cancellationToken)
    {
        Volatile.Write(ref _current, snapshot);
        _clusters ??= new ClusterRegistry(
            () => Volatile.Read(ref _current)?.Leaf ?? throw new InvalidOperationException("no mesh gateway leaf yet"),
                _services.TimeProvider);
        var chains = snapshot.Routes.Values.OfType<TerminatingRoute>().Select(r => r.Chain).DistinctBy(c => c.Id).ToList();
        Volatile.Write(ref _chains, _clusters.Apply(chains));
        await BindAsync(snapshot, cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _applied, snapshot);
        Interlocked.Exchange(ref _appliedSignal, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously))
            .TrySetResult();
    }

    private async Task BindAsync(GatewaySnapshot snapshot, CancellationToken cancellationToken)
    {
        var wanted = (snapshot.BindAddress, snapshot.BindPort);
        if (_listener is not null && _binding == wanted)
        {
            return;
        }

        if (_listener is not null)
        {
            await _listener.DisposeAsync().ConfigureAwait(false);
            _listener = null;
        }

        var address = IPAddress.TryParse(snapshot.BindAddress, out var ip) ? ip : IPAddress.Any;
        try
        {
            _listener = await GatewayListener.StartAsync(
                new IPEndPoint(address, snapshot.BindPort),
                () => Volatile.Read(ref _current)!,
                service => Volatile.Read(ref _chains).GetValueOrDefault(service),
                _services,
                cancellationToken).ConfigureAwait(false);
            _binding = wanted;
        }
        catch (IOException e)
        {
            _logger.ListenerBindFailed("mesh-gateway", $"{snapshot.BindAddress}:{snapshot.BindPort}", e.Message);
        }
    }

    private async Task StopAsync()
    {
        if (_listener is not null)
        {
            await _listener.DisposeAsync().ConfigureAwait(false);
            _listener = null;
        }

        _clusters?.Dispose();
        _clusters = null;
    }
}
