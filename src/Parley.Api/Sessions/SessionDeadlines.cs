using Parley.Core.Kv;
using Parley.State.Store;

namespace Parley.Api.Sessions;

/// <summary>
/// The leader's expiry deadlines of TTL sessions (Consul's session timers), kept only in the leader's memory: a renewal
/// moves a deadline, a new leader starts every TTL session afresh with its full TTL, as Consul's does.
/// </summary>
/// <remarks>Thread-safe: renewals arrive on request threads, the <see cref="SessionTimers"/> loop reads and prunes.</remarks>
public sealed class SessionDeadlines(StateStore store, SessionClock clock)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, DateTimeOffset> _deadlines = new(StringComparer.Ordinal);

    /// <summary>Forgets every deadline (leadership lost or newly won).</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _deadlines.Clear();
        }
    }

    /// <summary>Renews a TTL session: its deadline becomes now plus twice its TTL. Null when no such session exists.</summary>
    public Session? Renew(string id)
    {
        if (store.Current.GetSession(id) is not { } session)
        {
            return null;
        }

        if (SessionRules.Ttl(session) is { } ttl)
        {
            lock (_lock)
            {
                _deadlines[id] = SessionRules.ExpiresAt(ttl, clock.Now);
            }
        }

        return session;
    }

    /// <summary>
    /// Starts a deadline for every TTL session of <paramref name="snapshot"/> that has none and drops those of sessions that
    /// are gone; returns the sessions whose deadline has passed, and the next deadline still ahead.
    /// </summary>
    public (List<string> Expired, DateTimeOffset? Next) Sync(StateSnapshot snapshot)
    {
        var now = clock.Now;
        var expired = new List<string>();
        DateTimeOffset? next = null;
        lock (_lock)
        {
            foreach (var gone in _deadlines.Keys.Where(id => snapshot.GetSession(id) is null).ToList())
            {
                _deadlines.Remove(gone);
            }

            foreach (var session in snapshot.Sessions())
            {
                if (SessionRules.Ttl(session) is not { } ttl)
                {
                    continue;
                }

                if (!_deadlines.TryGetValue(session.ID, out var deadline))
                {
                    _deadlines[session.ID] = deadline = SessionRules.ExpiresAt(ttl, now);
                }

                if (deadline <= now)
                {
                    expired.Add(session.ID);
                }
                else if (next is null || deadline < next)
                {
                    next = deadline;
                }
            }
        }

        return (expired, next);
    }
}
