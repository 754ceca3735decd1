namespace Parley.Cli.Commands.Snapshot;

/// <summary>The <c>meta.json</c> of a snapshot archive.</summary>
internal sealed record SnapshotFileMeta(int Version, string ID, long Index, long Term, long Size, DateTimeOffset Created);
