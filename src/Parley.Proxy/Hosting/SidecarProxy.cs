using System.Net;
using Microsoft.Extensions.Logging;
using Parley.Proxy.Config;
using Parley.Proxy.Inbound;

namespace Parley.Proxy.Hosting;

/// <summary>
/// The sidecar's data plane: applies each <see cref="ProxySnapshot"/> from the feed — the new snapshot becomes current
/// for the next handshake, connection and request; the public listener is (re)bound when its address changes;
/// upstream listeners open and close with the upstreams; clusters keep their pooled connections across snapshots.
/// </summary>
/// <remarks>
/// Snapshots are applied one at a time on the <see cref="RunAsync"/> loop; handlers read <see cref="Current"/> without
/// locks. Stopping closes the listeners after a short drain.
/// </remarks>
public sealed partial class SidecarProxy : IAsyncDisposable
{
    private readonly SnapshotFeed<ProxySnapshot> _feed;
    private readonly DataPlaneServices _services;
    private readonly ILogger _logger;
    private ProxySnapshot? _current;
    private ProxySnapshot? _applied;
    private InboundListener? _inbound;
    private InboundSnapshot? _inboundBinding;
    private TaskCompletionSource _appliedSignal = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SidecarProxy(SnapshotFeed<ProxySnapshot> feed, DataPlaneServices services)
    {
        ArgumentNullException.ThrowIfNull(feed);
        ArgumentNullException.ThrowIfNull(services);
        _feed = feed;
        _services = services;
        _logger = services.LoggerFactory.CreateLogger<SidecarProxy>();
    }

    /// <summary>The snapshot in force, or null before the first.</summary>
    public ProxySnapshot? Current => Volatile.Read(ref _current);

    /// <summary>Where the public listener is bound, once it is.</summary>
    public IPEndPoint? InboundEndpoint => _inbound?.Endpoint;

    /// <summary>
    /// Applies snapshots until the feed completes or <paramref name="cancellationToken"/> fires, then closes the listeners.
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
            await StopListenersAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Completes once <paramref name="snapshot"/> is in force, its listeners included.</summary>
    /// <remarks>For tests and start-up: a snapshot replaced before it was read is never applied.</remarks>
    public async Task WaitAppliedAsync(ProxySnapshot snapshot, CancellationToken cancellationToken)
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
    public async ValueTask DisposeAsync() => await StopListenersAsync().ConfigureAwait(false);

    private async Task ApplyAsync(ProxySnapshot snapshot, CancellationToken cancellationToken)
    {
        Volatile.Write(ref _current, snapshot);
        await ApplyInboundAsync(snapshot, cancellationToken).ConfigureAwait(false);
        await ApplyUpstreamsAsync(snapshot, cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _applied, snapshot);
        var signal = Interlocked.Exchange(ref _appliedSignal, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        signal.TrySetResult();
    }

    private async Task ApplyInboundAsync(ProxySnapshot snapshot, CancellationToken cancellationToken)
    {
        var wanted = snapshot.Inbound;
        if (_inbound is not null && _inboundBinding is { } bound && bound.BindAddress == wanted.BindAddress
            && bound.BindPort == wanted.BindPort)
        {
            return;
        }

        if (_inbound is not null)
        {
            await _inbound.DisposeAsync().ConfigureAwait(false);
            _inbound = null;
        }

        try
        {
            _inbound = await InboundListener.StartAsync(wanted, () => Volatile.Read(ref _current)!, _services, cancellationToken)
                .ConfigureAwait(false);
            _inboundBinding = wanted;
        }
        catch (IOException e)
        {
            _logger.ListenerBindFailed("public", $"{wanted.BindAddress}:{wanted.BindPort}", e.Message);
        }
    }

    private async Task StopListenersAsync()
    {
        if (_inbound is not null)
        {
            await _inbound.DisposeAsync().ConfigureAwait(false);
            _inbound = null;
        }

        await StopUpstreamsAsync().ConfigureAwait(false);
    }
}
