using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Parley.Core.Kv;
using Parley.State;
using Parley.State.Commands;
using Parley.State.Store;

namespace Parley.Api.Sessions;

/// <summary>
/// The leader's session routine: destroys a TTL session that went twice its TTL without a renewal, and a session whose
/// node is gone or one of whose checks is gone or critical. Each destruction is a <see cref="DestroySession"/> command
/// carrying the session clock's time, so the lock-delay that follows is the same on every server.
/// </summary>
/// <remarks>
/// Consul invalidates on a failing check inside its FSM; here the leader does it within one store change, because the
/// lock-delay needs a time inside a command. Meanwhile the FSM refuses new locks for such a session, so no lock is taken
/// by a session whose check already failed. Runs on every server and acts only while it leads; on becoming leader every
/// TTL session starts over with its full TTL (Consul's <c>initializeSessionTimers</c>).
/// </remarks>
public sealed partial class SessionTimers(
    IReplicator replicator, StateStore store, SessionDeadlines deadlines, SessionClock clock, TimeProvider timeProvider,
    ILogger<SessionTimers> logger) : BackgroundService
{
    /// <summary>How often leadership is re-checked while nothing else happens.</summary>
    private static readonly TimeSpan LeadershipPoll = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var leading = false;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var changed = store.NextChange;
                DateTimeOffset? next = null;
                if (replicator.Status.IsLeader != leading)
                {
                    leading = !leading;
                    deadlines.Clear();
                }

                if (leading)
                {
                    var snapshot = store.Current;
                    (var doomed, next) = deadlines.Sync(snapshot);
                    doomed.AddRange(Invalidated(snapshot).Except(doomed));
                    foreach (var id in doomed)
                    {
                        await DestroyAsync(id, stoppingToken);
                    }
                }

                using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var waits = new List<Task> { changed, Task.Delay(LeadershipPoll, timeProvider, wake.Token) };
                if (next is { } deadline)
                {
                    waits.Add(Task.Delay(Max(deadline - clock.Now, TimeSpan.Zero), clock.Time, wake.Token));
                }

                await Task.WhenAny(waits);
                await wake.CancelAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Sessions whose node or checks now invalidate them.</summary>
    internal static IEnumerable<string> Invalidated(StateSnapshot snapshot) =>
        snapshot.Sessions()
            .Where(s => SessionRules.IsInvalidated(s, snapshot.GetNode(s.Node) is not null, id => snapshot.GetCheck(s.Node, id)))
            .Select(s => s.ID);

    private async Task DestroyAsync(string id, CancellationToken stoppingToken)
    {
        try
        {
            var result = await replicator.ApplyAsync(new DestroySession(id, clock.Now), stoppingToken);
            result.ThrowIfRejected();
            Log.SessionInvalidated(logger, id);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The next store change or leadership poll tries again.
            Log.SessionInvalidationFailed(logger, id, e);
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static partial class Log
    {
        // Api owns 4000-4999 (ApiLog); 4100-4109 are the session routine's.
        [LoggerMessage(4100, LogLevel.Information, "Session {Session} invalidated (TTL expired, or its node or a check failed)")]
        public static partial void SessionInvalidated(ILogger logger, string session);

        [LoggerMessage(4101, LogLevel.Warning, "Could not invalidate session {Session}; retrying")]
        public static partial void SessionInvalidationFailed(ILogger logger, string session, Exception exception);
    }
}
