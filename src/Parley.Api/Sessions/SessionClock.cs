namespace Parley.Api.Sessions;

/// <summary>
/// The clock sessions run on: TTL expiry on the leader and the lock-delay that follows an invalidation (the time a
/// lock or destroy command carries). Its own type so tests drive session time without slowing the rest of the agent
/// (Raft, health checks) with it.
/// </summary>
public sealed class SessionClock(TimeProvider time)
{
    /// <summary>The system clock.</summary>
    public static readonly SessionClock System = new(TimeProvider.System);

    public TimeProvider Time => time;

    public DateTimeOffset Now => time.GetUtcNow();
}
