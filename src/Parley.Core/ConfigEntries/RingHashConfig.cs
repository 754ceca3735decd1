namespace Parley.Core.ConfigEntries;

/// <summary>Ring sizes for the <c>ring_hash</c> policy.</summary>
public sealed record RingHashConfig
{
    public long MinimumRingSize { get; init; }

    public long MaximumRingSize { get; init; }
}
