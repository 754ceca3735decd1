namespace Parley.Consensus.Internal;

/// <summary>The <c>meta.json</c> of a snapshot archive.</summary>
/// <param name="Version">The archive format version.</param>
/// <param name="ID">The snapshot's name: <c>{Term}-{Index}-{unix ms}</c>, as Consul names its snapshots.</param>
/// <param name="Index">The last log index applied to the saved state (at least; the state may be a little newer).</param>
/// <param name="Term">The Raft term when it was saved.</param>
/// <param name="Size">The size of <c>state.bin</c> in bytes.</param>
/// <param name="Created">When it was saved.</param>
internal sealed record SnapshotMeta(int Version, string ID, long Index, long Term, long Size, DateTimeOffset Created)
{
    public const int CurrentVersion = 1;
}
