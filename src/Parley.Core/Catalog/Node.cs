namespace Parley.Core.Catalog;

/// <summary>A catalog node. Imported nodes carry the local name of the peer they came from.</summary>
public sealed record Node
{
    public string ID { get; init; } = "";
    public required string Name { get; init; }
    public string Address { get; init; } = "";
    public string Datacenter { get; init; } = "";
    public IReadOnlyDictionary<string, string> TaggedAddresses { get; init; } = Maps.EmptyMap;
    public IReadOnlyDictionary<string, string> Meta { get; init; } = Maps.EmptyMap;

    /// <summary>Empty for local data; the local peer name for imported data.</summary>
    public string PeerName { get; init; } = "";
    public long CreateIndex { get; init; }
    public long ModifyIndex { get; init; }

    /// <summary>True when both describe the same node, ignoring Raft indexes.</summary>
    public bool SameAs(Node other) =>
        ID == other.ID && Name == other.Name && Address == other.Address && Datacenter == other.Datacenter &&
        PeerName == other.PeerName && Maps.Equal(TaggedAddresses, other.TaggedAddresses) && Maps.Equal(Meta, other.Meta);
}
