namespace Parley.State.Store;

/// <summary>
/// Points at one service instance: its node's key and its id. Ordered ordinally. As the owner of checks
/// (<see cref="StateSnapshot.ChecksByOwner"/>), an empty id stands for the node itself.
/// </summary>
internal readonly record struct ServiceRef(string NodeKey, string ServiceId) : IComparable<ServiceRef>
{
    public int CompareTo(ServiceRef other)
    {
        var byNode = string.CompareOrdinal(NodeKey, other.NodeKey);
        return byNode != 0 ? byNode : string.CompareOrdinal(ServiceId, other.ServiceId);
    }
}
