namespace Parley.Core.Events;

/// <summary>A user event (Consul's <c>api.UserEvent</c>): a name, an optional payload and the agents it is meant for.</summary>
/// <param name="ID">A UUID, chosen when fired.</param>
/// <param name="Name">The event's name.</param>
/// <param name="Payload">The payload bytes; null when the event carries none (Consul's JSON shows <c>null</c>).</param>
/// <param name="NodeFilter">A regular expression a node's name must match; empty for every node.</param>
/// <param name="ServiceFilter">A regular expression one of the node's services must match; empty for any.</param>
/// <param name="TagFilter">A regular expression a tag of that service must match; empty for any.</param>
/// <param name="Version">Consul's event format version, 1.</param>
/// <param name="LTime">The event's Lamport time: one more than the latest event's.</param>
public sealed record UserEvent(
    string ID, string Name, byte[]? Payload, string NodeFilter, string ServiceFilter, string TagFilter, int Version, long LTime);
