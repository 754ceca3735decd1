using Grpc.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Core.Peering;
using Parley.Peering.Backend;
using Parley.Peering.Stream;
using Parley.Peering.Tracking;
using Parley.State;
using Parley.State.Store;

namespace Parley.Peering.Dialer;

/// <summary>
/// The leader's dialer (Consul's peering sync loop): keeps one stream open to every active peering this cluster
/// established, reconnecting with Consul's backoff and moving through the peer's server addresses (<see cref="DialRing"/>); streams of
/// peerings that stop being active are closed with <c>Terminated</c>.
/// </summary>
/// <remarks>
/// Driven by the stored state (<see cref="StateStore.NextChange"/>) and a leadership poll; only the leader dials.
/// </remarks>
public sealed class PeeringDialer(
    PeerStreamHost streams,
    IReplicator replicator,
    StateStore store,
    PeeringStreamTracker tracker,
    IOptions<PeeringOptions> options,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory,
    ILogger<PeeringDialer> logger) : BackgroundService
{
    /// <summary>How often leadership is re-checked when nothing in the state changes.</summary>
    private static readonly TimeSpan LeadershipPoll = TimeSpan.FromSeconds(1);

    private readonly Dictionary<string, Dial> _dials = new(StringComparer.Ordinal);
    private bool _wasLeader;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        Task? poll = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var changed = store.NextChange;
                Reconcile(store.Current, stoppingToken);
                poll ??= Task.Delay(LeadershipPoll, timeProvider, stoppingToken);
                await Task.WhenAny(changed, poll);
                if (poll.IsCompleted)
                {
                    poll = null;
                }
            }
        }
        finally
        {
            foreach (var dial in _dials.Values)
            {
                await dial.Cancellation.CancelAsync();
            }

            await Task.WhenAll(_dials.Values.Select(d => d.Task));
            foreach (var dial in _dials.Values)
            {
                dial.Cancellation.Dispose();
            }
        }
    }

    /// <summary>Starts a dial loop for every peering that should be dialed and stops the loops of the others.</summary>
    private void Reconcile(StateSnapshot snapshot, CancellationToken stoppingToken)
    {
        foreach (var (id, dial) in _dials.Where(d => d.Value.Task.IsCompleted).ToList())
        {
            dial.Cancellation.Dispose();
            _dials.Remove(id);
        }

        var leader = replicator.Status.IsLeader;
        if (_wasLeader && !leader)
        {
            // Streams live on the leader only: end them all (both directions), so their peers reconnect to the new leader
            // and none lives on untracked should this server lead again. Stream status is the leader's alone (Consul loses
            // it on a leader change too); a new leader rebuilds it.
            streams.EndAllForLostLeadership();
            tracker.Clear();
        }

        _wasLeader = leader;
        var wanted = leader
            ? snapshot.Peerings().Where(p => ShouldDial(snapshot, p)).Select(p => p.ID).ToHashSet(StringComparer.Ordinal)
            : [];
        foreach (var (id, dial) in _dials)
        {
            if (!wanted.Contains(id))
            {
                if (!leader || !streams.Terminate(id))
                {
                    // A live stream notices by itself that its peering is inactive and says Terminated first;
                    // a loop waiting to retry, or a follower's, just stops.
                    dial.Cancellation.Cancel();
                }
            }
        }

        foreach (var id in wanted)
        {
            if (!_dials.ContainsKey(id))
            {
                var cancellation = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                _dials[id] = new Dial(cancellation, DialLoopAsync(id, cancellation.Token));
            }
        }
    }

    private static bool ShouldDial(StateSnapshot snapshot, State.Peering.PeeringRecord peering) =>
        peering.IsActive && peering.ShouldDial && snapshot.GetPeeringSecrets(peering.ID)?.ActiveStreamSecret is { Length: > 0 };

    /// <summary>Keeps one peering's stream open until the peering is no longer dialable or the loop is cancelled.</summary>
    private async Task DialLoopAsync(string peeringId, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var failures = 0;
        var position = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var snapshot = store.Current;
            var peering = snapshot.GetPeeringById(peeringId);
            if (peering is null || !ShouldDial(snapshot, peering) || !replicator.Status.IsLeader)
            {
                return;
            }

            // Local mesh gateways first when peering goes through them (re-read every attempt, like the peer's addresses).
            var addresses = PeeringAddresses.Dial(snapshot, peering.DialAddresses);
            var address = addresses[DialRing.Wrap(position, addresses.Count)];
            var secret = snapshot.GetPeeringSecrets(peeringId)!.ActiveStreamSecret!;
            var attempt = new Attempt();
            try
            {
                await StreamOnceAsync(peering, secret, address, attempt, cancellationToken);

                // A stream that ended without an error was terminated; the loop re-checks the state and stops.
                failures = 0;
                position = DialRing.Next(addresses, position, leaderHint: null);
                await Task.Delay(PeeringBackoff.FastRetry, timeProvider, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // A stream that had been up starts the backoff over.
                failures = attempt.Session?.WasConnected == true ? 1 : failures + 1;
                var delay = NextDelay(PeeringFailureKinds.FromException(e), failures, addresses.Count);
                var error = RpcErrors.Describe(e);
                position = DialRing.Next(addresses, position, PeerStreamCall.LeaderHint(e));
                tracker.Disconnected(peeringId, error);
                logger.DialFailed(peering.Name, address, delay, error);
                try
                {
                    await Task.Delay(delay, timeProvider, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>
    /// The pause before the next address: Consul's backoff, except that a failure other than "not the leader" (which
    /// retries fast anyway) moves on to the next of several addresses at once until a whole round has failed, so one
    /// dead server in the ring (the killed leader) does not hold the stream back by seconds.
    /// </summary>
    private static TimeSpan NextDelay(PeeringFailureKind kind, int failures, int addressCount)
    {
        if (kind == PeeringFailureKind.FailedPrecondition || addressCount <= 1)
        {
            return PeeringBackoff.Delay(kind, failures);
        }

        return failures % addressCount != 0 ? PeeringBackoff.FastRetry : PeeringBackoff.Delay(kind, failures / addressCount);
    }

    /// <summary>One attempt: opens the stream over TLS, sends <c>Open</c> and runs the session until it ends.</summary>
    private async Task StreamOnceAsync(
        State.Peering.PeeringRecord peering, string secret, string address, Attempt attempt, CancellationToken cancellationToken)
    {
        using var stream = PeerStreamCall.Start(
            peering, secret, address, options.Value.Datacenter, timeProvider, loggerFactory, cancellationToken);
        var call = stream.Call;
        attempt.Session = streams.CreateSession(
            peering.ID, peering.Name, peering.PeerID, call.ResponseStream, call.RequestStream, call.RequestStream.CompleteAsync,
                stream.Open);
        try
        {
            await attempt.Session.RunAsync(cancellationToken);
        }
        catch (RpcException e) when (stream.Explain(e) is { } refused)
        {
            throw refused;
        }
    }

    /// <summary>What one attempt got to: the session, once created.</summary>
    private sealed class Attempt
    {
        public PeerStreamSession? Session { get; set; }
    }

    private sealed record Dial(CancellationTokenSource Cancellation, Task Task);
}
