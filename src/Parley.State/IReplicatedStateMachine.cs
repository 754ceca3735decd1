namespace Parley.State;

/// <summary>The state machine the consensus layer drives: applies log entries and takes and restores snapshots.</summary>
/// <remarks>
/// <see cref="Apply"/> is called on one thread, in log order. It may run concurrently with
/// <see cref="WriteSnapshotAsync"/>, which reads only a published immutable snapshot.
/// </remarks>
public interface IReplicatedStateMachine
{
    /// <summary>The index of the last applied entry (0 before any).</summary>
    long LastAppliedIndex { get; }

    /// <summary>Applies the encoded command at <paramref name="index"/> and returns its result.</summary>
    /// <exception cref="Commands.CorruptCommandException">Fatal: the entry cannot be applied; stop the server.</exception>
    Commands.CommandResult Apply(long index, ReadOnlySpan<byte> payload);

    /// <summary>Writes the whole state (with <see cref="LastAppliedIndex"/>) to <paramref name="destination"/>.</summary>
    ValueTask WriteSnapshotAsync(Stream destination, CancellationToken cancellationToken);

    /// <summary>Replaces the whole state with a snapshot written by <see cref="WriteSnapshotAsync"/>.</summary>
    ValueTask RestoreSnapshotAsync(Stream source, CancellationToken cancellationToken);
}
