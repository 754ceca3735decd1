using Grpc.Core;
using Microsoft.Extensions.Logging;
using Parley.Peering.Dialer;
using Parley.Peering.Stream;
using Parley.Peering.V1;

namespace Parley.Peering.Cleanup;

/// <summary>
/// Tells a deleted peering's acceptor, once, that the dialer ended it: opens a stream to the peering's dial addresses with
/// the kept stream secret, sends <c>Open</c> then <c>Terminated</c>, half-closes and reads until the acceptor closes. The
/// acceptor's handshake accepts the secret and its stream handler marks its side TERMINATED, exactly as when a live
/// stream says <c>Terminated</c>.
/// </summary>
/// <remarks>
/// Best effort within <see cref="Budget"/>: addresses are tried in turn (a follower's <c>LeaderAddress</c> hint is
/// followed, as the dialer does) until the acceptor answers for good or the budget runs out. It never throws for the
/// peer's sake, so deletion never waits on an unreachable peer for longer than the budget.
/// </remarks>
internal sealed class PeerTerminator(PeeringOptions options, TimeProvider timeProvider, ILoggerFactory loggerFactory)
{
    /// <summary>The default of <see cref="Budget"/>: 5 s.</summary>
    public static readonly TimeSpan DefaultBudget = TimeSpan.FromSeconds(5);

    /// <summary>Longest single call: 2 s (the dialer's dial timeout in Consul).</summary>
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Pause before the next attempt (an acceptor may still hold the dead leader's stream for a moment).</summary>
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(100);

    /// <summary>How long, from the first attempt, attempts may still start.</summary>
    public TimeSpan Budget { get; init; } = DefaultBudget;

    /// <summary>Tries to tell the acceptor of <paramref name="peering"/> (a record this cluster dials) that it is terminated.</summary>
    /// <param name="peering">The DELETING dialer record: the acceptor's ID, CA, server name and addresses.</param>
    /// <param name="secret">The active stream secret the record kept.</param>
    /// <param name="addresses">The addresses to try in order; null for the record's dial addresses.</param>
    /// <param name="cancellationToken">Stops trying (the server is stopping).</param>
    public async Task<PeerTermination> TellAsync(
        State.Peering.PeeringRecord peering, string secret, IReadOnlyList<string>? addresses, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(peering);
        addresses ??= peering.DialAddresses;
        if (addresses.Count == 0)
        {
            return new PeerTermination(PeerTerminationOutcome.Unreachable, "", "no address to dial", 0);
        }

        var deadline = timeProvider.GetUtcNow() + Budget;
        var position = 0;
        for (var attempts = 1; ; attempts++)
        {
            var address = addresses[DialRing.Wrap(position, addresses.Count)];
            Exception error;
            try
            {
                await AttemptAsync(peering, secret, address, cancellationToken);
                return new PeerTermination(PeerTerminationOutcome.Told, address, "", attempts);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception e)
            {
                error = e;
            }

            var detail = RpcErrors.Describe(error);
            if (Final(error) is { } outcome)
            {
                return new PeerTermination(outcome, address, detail, attempts);
            }

            var wait = deadline - timeProvider.GetUtcNow();
            if (wait <= TimeSpan.Zero)
            {
                return new PeerTermination(PeerTerminationOutcome.Unreachable, address, detail, attempts);
            }

            position = DialRing.Next(addresses, position, PeerStreamCall.LeaderHint(error));
            await Task.Delay(wait < RetryDelay ? wait : RetryDelay, timeProvider, cancellationToken);
        }
    }

    /// <summary>One call: <c>Open</c>, <c>Terminated</c>, half-close, then read until the acceptor ends the call.</summary>
    private async Task AttemptAsync(State.Peering.PeeringRecord peering, string secret, string address, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(AttemptTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var stream = PeerStreamCall.Start(peering, secret, address, options.Datacenter, timeProvider, loggerFactory, linked.Token);
        var call = stream.Call;
        try
        {
            await call.RequestStream.WriteAsync(stream.Open, linked.Token);
            await call.RequestStream.WriteAsync(
                new ReplicationMessage { Terminated = new ReplicationMessage.Types.Terminated() },
                linked.Token);
            await call.RequestStream.CompleteAsync();
        }
        catch (Exception e) when (e is RpcException or InvalidOperationException or IOException)
        {
            // The acceptor may have answered (a refusal) before reading everything: its status, read below, says why.
        }

        // Its subscriptions and heartbeats are of no interest; how the call ends is the answer.
        while (await call.ResponseStream.MoveNext(linked.Token))
        {
        }
    }

    /// <summary>An answer that another attempt would not change; null when trying again may help.</summary>
    private static PeerTerminationOutcome? Final(Exception error) => error switch
    {
        RpcException { StatusCode: StatusCode.Aborted } => PeerTerminationOutcome.AlreadyKnown,
        RpcException { StatusCode: StatusCode.InvalidArgument } e when e.Status.Detail.StartsWith(
            "initial subscription for unknown PeerID",
            StringComparison.Ordinal)
            => PeerTerminationOutcome.AlreadyKnown,
        RpcException { StatusCode: StatusCode.InvalidArgument or StatusCode.PermissionDenied } => PeerTerminationOutcome.Refused,
        RpcException { StatusCode: StatusCode.Internal } e when e.Status.Detail.StartsWith(
            "unable to authorize connection",
            StringComparison.Ordinal)
            => PeerTerminationOutcome.Refused,
        _ => null,
    };
}
