using System.Collections.Concurrent;

namespace Parley.Api.Agent;

/// <summary>
/// Records when each TTL check was last updated through the agent API, so the check runner can expire
/// it. An update that does not change the stored status writes nothing, yet still resets the TTL.
/// </summary>
public sealed class TtlHeartbeats(TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _last = new(StringComparer.Ordinal);

    public void Beat(string checkId) => _last[checkId] = timeProvider.GetUtcNow();

    /// <summary>When the check was last updated, or null if never since this agent started.</summary>
    public DateTimeOffset? LastBeat(string checkId) => _last.TryGetValue(checkId, out var at) ? at : null;

    public void Forget(string checkId) => _last.TryRemove(checkId, out _);
}
