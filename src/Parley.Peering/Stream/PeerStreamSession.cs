using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.Channels;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Parley.Core.Time;
using Parley.Peering.Backend;
using Parley.Peering.Import;
using Parley.Peering.V1;

namespace Parley.Peering.Stream;

/// <summary>
/// One open peer stream, the same on both ends once open (Consul's common stream handler): subscribes to the
/// peer's resources, exports what this cluster grants the peer after it subscribed, imports what the peer sends,
/// ACKs or NACKs every response by nonce, sends and watches heartbeats, and handles <c>Terminated</c>.
/// </summary>
/// <remarks>
/// <para>Tasks: a writer (the only one writing to the gRPC stream; control messages first), a reader (records
/// heartbeats at once, queues the rest), a processor (requests and responses, in order), the exporter, the
/// heartbeat sender and the heartbeat watchdog. The first of them to finish decides how the stream ends.</para>
/// <para>Ends: failed (the tracker keeps the error, so the peering reports FAILING; the error is thrown), the peer
/// said <c>Terminated</c> (the local peering is marked TERMINATED), or the local peering stopped being active (this
/// side sends <c>Terminated</c> and forgets the stream).</para>
/// </remarks>
internal sealed partial class PeerStreamSession
{
    private static readonly TimeSpan FlushTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(2);

    // A write with this hint only appends to the HTTP/2 stream; one without it also flushes.
    private static readonly WriteOptions BufferedWrite = new(WriteFlags.BufferHint);

    private readonly PeerStreamHost _host;
    private readonly string _remoteId;
    private readonly IAsyncStreamReader<ReplicationMessage> _reader;
    private readonly IAsyncStreamWriter<ReplicationMessage> _writer;
    private readonly Func<Task>? _completeWrites;
    private readonly ReplicationMessage? _open;

    // ACKs, NACKs, subscriptions, heartbeats and Terminated: small, never blocked behind data.
    private readonly Channel<ReplicationMessage> _control = Channel.CreateUnbounded<ReplicationMessage>(
        new UnboundedChannelOptions { SingleReader = true });

    // The exporter's responses; bounded so a slow peer slows the exporter instead of filling memory.
    private readonly Channel<ReplicationMessage> _data = Channel.CreateBounded<ReplicationMessage>(
        new BoundedChannelOptions(8) { SingleReader = true, SingleWriter = true });

    // Received requests, responses and Terminated, in order, for the processor.
    private readonly Channel<ReplicationMessage> _inbound = Channel.CreateBounded<ReplicationMessage>(
        new BoundedChannelOptions(64) { SingleReader = true, SingleWriter = true });

    private readonly TaskCompletionSource<End> _end = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<string, bool> _remoteSubscriptions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _localSubscriptions;
    private readonly AsyncSignal _subscriptionsChanged = new();
    private readonly ExportedServiceAssembler _assembler = new();
    private readonly ILogger _logger;

    private long _lastHeartbeatTicks;
    private int _nonce;
    private int _connected;
    private volatile bool _remoteTerminated;
    private volatile bool _closing;
    private Exception? _readError;

    public PeerStreamSession(
        PeerStreamHost host,
        string peeringId,
        string peerName,
        string remoteId,
        IAsyncStreamReader<ReplicationMessage> reader,
        IAsyncStreamWriter<ReplicationMessage> writer,
        Func<Task>? completeWrites,
        ReplicationMessage? open)
    {
        _host = host;
        PeeringId = peeringId;
        PeerName = peerName;
        _remoteId = remoteId;
        _reader = reader;
        _writer = writer;
        _completeWrites = completeWrites;
        _open = open;
        _logger = host.Logger;

        // Both sides subscribe to services, the list and the trust bundle; only the dialer to server addresses.
        _localSubscriptions = new HashSet<string>(StringComparer.Ordinal)
        {
            ResourceUrls.ExportedService, ResourceUrls.ExportedServiceList, ResourceUrls.PeeringTrustBundle,
        };
        if (IsDialer)
        {
            _localSubscriptions.Add(ResourceUrls.PeeringServerAddresses);
        }
    }

    private enum EndKind
    {
        Failed,
        RemoteTerminated,
        LocalTerminated,
    }

    /// <summary>The local peering's ID (the key of the tracker and of the one-stream rule).</summary>
    public string PeeringId { get; }

    /// <summary>The local peering's name: imported data is stored under it.</summary>
    public string PeerName { get; }

    /// <summary>The dialer knows the acceptor's ID; the acceptor's remote ID is empty.</summary>
    public bool IsDialer => _remoteId.Length > 0;

    private string Role => IsDialer ? "dialer" : "acceptor";

    /// <summary>Asks the stream to send <c>Terminated</c> to the peer and close (the local peering is gone or inactive).</summary>
    public void RequestTerminate() => _end.TrySetResult(new End(EndKind.LocalTerminated));

    /// <summary>
    /// Ends the stream because this server stopped being the leader: it fails with "not a leader anymore" naming the
    /// leader, so the peer (or this server's dialer) reconnects to the new leader. Nothing is said to the peering itself.
    /// </summary>
    public void EndForLostLeadership() => _end.TrySetResult(new End(EndKind.Failed, LostLeadership()));

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (!_host.TryRegister(this))
        {
            throw new RpcException(new Status(
                StatusCode.AlreadyExists, $"failed to register stream: there is an active stream for the given PeerID \"{PeeringId}\""));
        }

        try
        {
            using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _host.Stopping);
            await RunRegisteredAsync(stopping.Token);
        }
        finally
        {
            _host.Unregister(this);
        }
    }

    private async Task RunRegisteredAsync(CancellationToken cancellationToken)
    {
        if (_host.Options.ConnectEnabled && _host.Ca.TrustDomain is null)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "Connect CA is not yet initialized"));
        }

        if (!IsDialer)
        {
            MarkConnected();
        }

        using var loops = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // The flush and drain timeouts are set later, on the host's clock.
        using var writing = new Deadline(Timeout.InfiniteTimeSpan, _host.TimeProvider, cancellationToken);
        using var reading = new Deadline(Timeout.InfiniteTimeSpan, _host.TimeProvider, cancellationToken);

        Interlocked.Exchange(ref _lastHeartbeatTicks, Now.UtcTicks);
        if (_open is not null)
        {
            _control.Writer.TryWrite(_open);
        }

        foreach (var url in ResourceUrls.All.Where(_localSubscriptions.Contains))
        {
            _control.Writer.TryWrite(new ReplicationMessage
            {
                Request = new ReplicationMessage.Types.Request { PeerId = _remoteId, ResourceUrl = url },
            });
        }

        var writer = Guard(WriteLoopAsync(writing.Token));
        var reader = Guard(ReadLoopAsync(reading.Token));
        Task[] loopTasks =
        [
            Guard(ProcessLoopAsync(loops.Token)),
            Guard(ExportLoopAsync(loops.Token)),
            Guard(HeartbeatLoopAsync(loops.Token)),
            Guard(WatchdogAsync(loops.Token)),
        ];

        End end;
        var canceled = new End(EndKind.Failed, new OperationCanceledException(cancellationToken));
        using (cancellationToken.Register(() => _end.TrySetResult(canceled)))
        {
            end = await _end.Task;
        }

        // Stop producing and processing; what was received but not processed is dropped.
        await loops.CancelAsync();
        await Task.WhenAll(loopTasks);
        var discard = DiscardInboundAsync();

        if (end.Kind == EndKind.LocalTerminated)
        {
            _logger.TerminatingStream(PeerName);
            _control.Writer.TryWrite(new ReplicationMessage { Terminated = new ReplicationMessage.Types.Terminated() });
        }

        _closing = true;
        _control.Writer.TryComplete();
        if (end.Kind == EndKind.Failed)
        {
            await writing.CancelAsync();
        }
        else
        {
            // Let Terminated and the last ACKs go out.
            writing.CancelAfter(FlushTimeout);
        }

        await writer;

        if (end.Kind != EndKind.Failed)
        {
            // Half-close and read until the peer closes too (or a little while), discarding what arrives.
            if (_completeWrites is not null)
            {
                try
                {
                    await _completeWrites().WaitAsync(DrainTimeout, _host.TimeProvider, cancellationToken);
                }
                catch (Exception e)
                    when (e is RpcException or IOException or InvalidOperationException or TimeoutException or OperationCanceledException)
                {
                    // The peer may already be gone; nothing is owed to it.
                }
            }

            reading.CancelAfter(IsDialer ? DrainTimeout : TimeSpan.Zero);
        }
        else
        {
            await reading.CancelAsync();
        }

        await reader;
        await discard;

        switch (end.Kind)
        {
            case EndKind.Failed:
                var error = end.Error is OperationCanceledException && cancellationToken.IsCancellationRequested
                    ? "stream closed: this server is stopping or lost leadership"
                    : RpcErrors.Describe(end.Error!);
                _host.Tracker.Disconnected(PeeringId, error);
                if (!cancellationToken.IsCancellationRequested)
                {
                    _logger.StreamFailed(PeerName, error);
                }

                throw end.Error is RpcException rpc ? rpc : new RpcException(new Status(StatusCode.Unavailable, error));

            case EndKind.RemoteTerminated:
                _host.Tracker.Disconnected(PeeringId, null);
                break;

            case EndKind.LocalTerminated:
                _host.Tracker.Remove(PeeringId);
                break;
        }
    }

    /// <summary>Records the stream as connected: at once on the acceptor, at the peer's first message on the dialer.</summary>
    private void MarkConnected()
    {
        if (Interlocked.Exchange(ref _connected, 1) == 0)
        {
            _host.Tracker.Connected(PeeringId);
            _logger.StreamConnected(PeerName, Role, PeeringId);
        }
    }

    /// <summary>Whether the peer ever answered (the dialer resets its backoff after a stream that got this far).</summary>
    public bool WasConnected => Volatile.Read(ref _connected) == 1;

    private DateTimeOffset Now => _host.TimeProvider.GetUtcNow();

    private string NextNonce() => Interlocked.Increment(ref _nonce).ToString("x8", CultureInfo.InvariantCulture);

    private async Task Guard(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception e)
        {
            _end.TrySetResult(new End(EndKind.Failed, e));
        }
    }

    private async Task WriteLoopAsync(CancellationToken cancellationToken)
    {
        var control = _control.Reader;
        var data = _data.Reader;
        while (true)
        {
            if (control.TryRead(out var message) || (!_closing && data.TryRead(out message)))
            {
                // Flush only when nothing else is waiting: a burst (an initial sync, the ACKs of an import run) goes out
                // in a few large writes instead of one flush, frame and syscall per message. The last message of a
                // burst, a heartbeat and the end of the call all flush.
                _writer.WriteOptions = control.TryPeek(out _) || (!_closing && data.TryPeek(out _)) ? BufferedWrite : null;
                await WriteAsync(message, cancellationToken);
                continue;
            }

            if (_closing)
            {
                // Only control messages (Terminated, last ACKs) still go out; data waiting behind them is dropped.
                if (!await control.WaitToReadAsync(cancellationToken))
                {
                    return;
                }

                continue;
            }

            await Task.WhenAny(control.WaitToReadAsync(cancellationToken).AsTask(), data.WaitToReadAsync(cancellationToken).AsTask());
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private async Task WriteAsync(ReplicationMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await _writer.WriteAsync(message, cancellationToken);
            _host.Tracker.SendSucceeded(PeeringId);
            if (message.PayloadCase == ReplicationMessage.PayloadOneofCase.Terminated)
            {
                // The cleanup routine need not tell the peer again.
                _host.RecordTerminatedSent(PeeringId);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _host.Tracker.SendFailed(PeeringId, RpcErrors.Describe(e));
            throw;
        }
    }

    /// <summary>The error a stream ends with when this server stops being the leader, naming where the leader now is.</summary>
    private RpcException LostLeadership() => RpcErrors.NotLeader(
        "node is not a leader anymore; cannot continue streaming", PeeringBackend.LeaderHint(
            _host.Store.Current,
            _host.Replicator.Status.Leader));

    private async Task HeartbeatLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_host.Options.HeartbeatInterval, _host.TimeProvider);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            // Streams live on the leader only; a stream that carries nothing but heartbeats notices a lost leadership here.
            if (!_host.Replicator.Status.IsLeader)
            {
                throw LostLeadership();
            }

            _control.Writer.TryWrite(new ReplicationMessage { Heartbeat = new ReplicationMessage.Types.Heartbeat() });
        }
    }

    /// <summary>Fails the stream when no heartbeat arrived for <see cref="PeeringOptions.HeartbeatTimeout"/>.</summary>
    private async Task WatchdogAsync(CancellationToken cancellationToken)
    {
        var timeout = _host.Options.HeartbeatTimeout;
        while (true)
        {
            var due = new DateTimeOffset(Interlocked.Read(ref _lastHeartbeatTicks), TimeSpan.Zero) + timeout;
            var now = Now;
            if (now >= due)
            {
                throw new RpcException(new Status(StatusCode.DeadlineExceeded, "heartbeat timeout"));
            }

            await Task.Delay(due - now, _host.TimeProvider, cancellationToken);
        }
    }

    private async Task DiscardInboundAsync()
    {
        try
        {
            await foreach (var _ in _inbound.Reader.ReadAllAsync(CancellationToken.None))
            {
            }
        }
        catch (ChannelClosedException)
        {
        }
    }

    private sealed record End(EndKind Kind, Exception? Error = null);
}
