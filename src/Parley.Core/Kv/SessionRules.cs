using Parley.Core.Catalog;
using Parley.Core.Go;

namespace Parley.Core.Kv;

/// <summary>
/// Consul's session rules (its <c>Session.Apply</c> endpoint and state store), pure: validation of a new session, TTL
/// bounds and the expiry deadline the leader keeps, and when a session's node and checks invalidate it.
/// </summary>
public static class SessionRules
{
    public const string BehaviorRelease = "release";
    public const string BehaviorDelete = "delete";

    /// <summary>Consul's default <c>session_ttl_min</c>.</summary>
    public static readonly TimeSpan TtlMin = TimeSpan.FromSeconds(10);

    /// <summary>Consul's <c>SessionTTLMax</c>.</summary>
    public static readonly TimeSpan TtlMax = TimeSpan.FromHours(24);

    /// <summary>The lock delay a session gets when the client names none.</summary>
    public static readonly TimeSpan DefaultLockDelay = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Consul's <c>SessionTTLMultiplier</c>: a TTL session is invalidated only after twice its TTL without a renewal, so
    /// a client renewing at TTL/2 survives a leader change or a slow round.
    /// </summary>
    public const int TtlMultiplier = 2;

    /// <summary>
    /// Consul's <c>lockDelayMinThreshold</c>: a numeric LockDelay below 1000 is taken as seconds (users write 15 meaning
    /// 15 s), anything else as nanoseconds.
    /// </summary>
    public static TimeSpan LockDelayFromNumber(double value) =>
        value < 1000 ? TimeSpan.FromSeconds(value) : TimeSpan.FromTicks((long)(value / 100));

    /// <summary>
    /// Normalizes and checks the fields a client sets, with Consul's texts: Behavior (default release) and TTL
    /// (0 or between 10s and 24h). Returns the session with its Behavior filled in.
    /// </summary>
    /// <exception cref="ParleyException">A field is out of range (Consul answers these with 500 and the text).</exception>
    public static Session Validate(Session session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var behavior = session.Behavior switch
        {
            "" => BehaviorRelease,
            BehaviorRelease or BehaviorDelete => session.Behavior,
            _ => throw ParleyException.Rejected($"Invalid Behavior setting '{session.Behavior}'"),
        };

        if (session.TTL.Length > 0)
        {
            if (!GoDuration.TryParse(session.TTL, out var ttl, out var error))
            {
                throw ParleyException.Rejected($"Session TTL '{session.TTL}' invalid: {error}");
            }

            if (ttl != TimeSpan.Zero && (ttl < TtlMin || ttl > TtlMax))
            {
                // Go prints the Duration with %d: its nanoseconds.
                throw ParleyException.Rejected(
                    $"Invalid Session TTL '{ttl.Ticks * 100}', must be between [{GoDuration.Format(TtlMin)}={GoDuration.Format(TtlMax)}]");
            }
        }

        return session with { Behavior = behavior };
    }

    /// <summary>The session's TTL, or null when it has none (no TTL or <c>0s</c>).</summary>
    public static TimeSpan? Ttl(Session session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.TTL.Length > 0 && GoDuration.TryParse(session.TTL, out var ttl, out _) && ttl > TimeSpan.Zero ? ttl : null;
    }

    /// <summary>When a TTL session renewed (or first seen by a leader) at <paramref name="now"/> expires.</summary>
    public static DateTimeOffset ExpiresAt(TimeSpan ttl, DateTimeOffset now) => now + ttl * TtlMultiplier;

    /// <summary>
    /// Why the session cannot be created on this catalog (Consul's <c>sessionCreateTxn</c> texts), or null when it can:
    /// its node must be registered, and every check it names must exist on that node and not be critical.
    /// </summary>
    /// <param name="session">The session.</param>
    /// <param name="nodeExists">Whether the session's node is registered.</param>
    /// <param name="check">The node's check with that id, or null.</param>
    public static string? CreateError(Session session, bool nodeExists, Func<string, HealthCheck?> check)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(check);
        if (!nodeExists)
        {
            return "Missing node registration";
        }

        foreach (var id in session.CheckIds())
        {
            var row = check(id);
            if (row is null)
            {
                return $"Missing check '{id}' registration";
            }

            if (row.Status == HealthStatus.Critical)
            {
                return $"Check '{id}' is in {row.Status} state";
            }
        }

        return null;
    }

    /// <summary>
    /// Whether the catalog now invalidates the session: its node is gone, or one of its checks is gone or critical
    /// (Consul invalidates on exactly these changes).
    /// </summary>
    public static bool IsInvalidated(Session session, bool nodeExists, Func<string, HealthCheck?> check) =>
        CreateError(session, nodeExists, check) is not null;
}
