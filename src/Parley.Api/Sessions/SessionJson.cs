using Parley.Core.Kv;

namespace Parley.Api.Sessions;

/// <summary>
/// A session as Consul's API writes it (<c>structs.Session</c>): LockDelay in nanoseconds, empty check lists as
/// <c>null</c> (as Go writes a nil slice).
/// </summary>
public sealed record SessionJson
{
    public required string ID { get; init; }
    public string Name { get; init; } = "";
    public required string Node { get; init; }
    public long LockDelay { get; init; }
    public string Behavior { get; init; } = "";
    public string TTL { get; init; } = "";
    public IReadOnlyList<string>? NodeChecks { get; init; }
    public IReadOnlyList<SessionServiceCheck>? ServiceChecks { get; init; }
    public long CreateIndex { get; init; }
    public long ModifyIndex { get; init; }

    public static SessionJson From(Session s) => new()
    {
        ID = s.ID,
        Name = s.Name,
        Node = s.Node,
        LockDelay = s.LockDelay.Ticks * 100,
        Behavior = s.Behavior,
        TTL = s.TTL,
        NodeChecks = s.NodeChecks.Count > 0 ? s.NodeChecks : null,
        ServiceChecks = s.ServiceChecks.Count > 0 ? s.ServiceChecks : null,
        CreateIndex = s.CreateIndex,
        ModifyIndex = s.ModifyIndex,
    };
}
