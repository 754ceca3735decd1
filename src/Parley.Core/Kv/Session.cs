namespace Parley.Core.Kv;

/// <summary>
/// A session (Consul's <c>structs.Session</c>): a node, the checks it depends on, what happens to the locks it holds
/// when it is invalidated, and an optional TTL that must be renewed.
/// </summary>
public sealed record Session
{
    public required string ID { get; init; }
    public string Name { get; init; } = "";
    public required string Node { get; init; }

    /// <summary>How long the keys this session held stay unlockable after it is invalidated.</summary>
    public TimeSpan LockDelay { get; init; }

    /// <summary><see cref="SessionRules.BehaviorRelease"/> or <see cref="SessionRules.BehaviorDelete"/>.</summary>
    public string Behavior { get; init; } = SessionRules.BehaviorRelease;

    /// <summary>The TTL as the client wrote it (Go duration text), or "" for none.</summary>
    public string TTL { get; init; } = "";
    public IReadOnlyList<string> NodeChecks { get; init; } = [];
    public IReadOnlyList<SessionServiceCheck> ServiceChecks { get; init; } = [];
    public long CreateIndex { get; init; }
    public long ModifyIndex { get; init; }

    /// <summary>Every check id the session depends on, node checks first.</summary>
    public IEnumerable<string> CheckIds() => NodeChecks.Concat(ServiceChecks.Select(c => c.ID));
}

/// <summary>A service check a session depends on.</summary>
public sealed record SessionServiceCheck(string ID, string Namespace = "");
