using System.Buffers;
using System.Globalization;
using DotNext.IO;
using DotNext.Net.Cluster.Consensus.Raft.StateMachine;
using Microsoft.Extensions.Logging;
using Parley.Core;
using Parley.State;
using Parley.State.Commands;

namespace Parley.Consensus.Internal;

/// <summary>
/// Drives an <see cref="IReplicatedStateMachine"/> from DotNext's write-ahead log: applies committed entries in log
/// order, completes the waiter of each entry appended on this server, and asks for a snapshot every
/// <c>snapshotThreshold</c> applied entries. Snapshots are files <c>{index}-{term}</c> in <c>location</c>.
/// </summary>
/// <remarks>
/// <see cref="ApplyAsync"/> is called by the log's apply loop on one thread, in log order. A snapshot is written in
/// the background right after the entry it covers and before the next entry is applied, so it captures exactly the
/// state at that index; it becomes the log's snapshot (and the log before it is deleted) once the next entry applies.
/// </remarks>
internal sealed class ReplicatedStateMachineAdapter : SimpleStateMachine
{
    private readonly IReplicatedStateMachine _machine;
    private readonly long _snapshotThreshold;
    private readonly Action<Exception> _onFatal;
    private readonly ILogger _logger;

    private readonly Action _onApplied;

    // Written by the apply loop only (and by restore before the loop starts).
    private long _lastSnapshotIndex;
    private long _appliedIndex;

    // Completed and replaced after every applied entry.
    private TaskCompletionSource _appliedSignal = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ReplicatedStateMachineAdapter(
        DirectoryInfo location, IReplicatedStateMachine machine, long snapshotThreshold, Action<Exception> onFatal, Action onApplied,
        ILogger logger)
        : base(location)
    {
        _onApplied = onApplied;
        _machine = machine;
        _snapshotThreshold = snapshotThreshold;
        _onFatal = onFatal;
        _logger = logger;
        DeleteAbandonedSnapshots(location);
    }

    /// <summary>The index of the snapshot most recently taken or restored (0 if none).</summary>
    public long LastSnapshotIndex => Volatile.Read(ref _lastSnapshotIndex);

    protected override async ValueTask<bool> ApplyAsync(LogEntry entry, CancellationToken token)
    {
        var waiter = entry.Context as TaskCompletionSource<CommandResult>;

        // Membership changes and no-op entries carry no command.
        if (entry.IsConfiguration || !entry.TryGetPayload(out var payload) || payload.IsEmpty)
        {
            Applied(entry.Index);
            return false;
        }

        CommandResult result;
        try
        {
            var bytes = payload.IsSingleSegment ? payload.First : payload.ToArray();
            result = InternalEntry.IsRestore(bytes, out var state)
                ? await RestoreEntryAsync(entry.Index, state, token).ConfigureAwait(false)
                : _machine.Apply(entry.Index, bytes.Span);
        }
        catch (Exception e)
        {
            // Fail-stop: never skip an entry. The waiter sees the error, the server is told to stop, and the
            // rethrow halts DotNext's apply loop so nothing after this entry is applied.
            _logger.ApplyFailed(entry.Index, e);
            waiter?.TrySetException(e);
            _onFatal(e);
            throw;
        }

        waiter?.TrySetResult(result);
        Applied(entry.Index);

        if (entry.Index - _lastSnapshotIndex < _snapshotThreshold)
        {
            return false;
        }

        Volatile.Write(ref _lastSnapshotIndex, entry.Index);
        _logger.SnapshotStarted(entry.Index);
        return true;
    }

    /// <summary>The index of the last entry applied (commands, membership changes and no-ops alike).</summary>
    public long AppliedIndex => Volatile.Read(ref _appliedIndex);

    /// <summary>Completes once every entry up to <paramref name="index"/> is applied here.</summary>
    public async Task WaitForAppliedAsync(long index, CancellationToken cancellationToken)
    {
        while (true)
        {
            // Take the signal before reading the index, so an apply between the two wakes this waiter.
            var next = _appliedSignal.Task;
            if (AppliedIndex >= index)
            {
                return;
            }

            await next.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private void Applied(long index)
    {
        Volatile.Write(ref _appliedIndex, index);
        var signal = Interlocked.Exchange(ref _appliedSignal, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        signal.TrySetResult();
        _onApplied();
    }

    // A restore entry replaces the whole state. A snapshot the state machine cannot read is refused as a result, the
    // same way on every server (the leader checked the archive's checksums before appending it), and the state stays.
    private async ValueTask<CommandResult> RestoreEntryAsync(long index, ReadOnlyMemory<byte> state, CancellationToken token)
    {
        var stamped = RestoredState.AtIndex(state, index);
        try
        {
            using var stream = new MemoryStream(stamped, writable: false);
            await _machine.RestoreSnapshotAsync(stream, token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.RestoreRefused(index, e);
            return new CommandResult(index, new ParleyException(ErrorCode.InvalidArgument, "Error restoring snapshot: " + e.Message));
        }

        _logger.SnapshotInstalled(index);
        return new CommandResult(index, true);
    }

    protected override async ValueTask PersistAsync(IAsyncBinaryWriter writer, CancellationToken token)
    {
        var index = LastSnapshotIndex;
        try
        {
            var stream = new AsyncBinaryWriterStream(writer);
            await using (stream.ConfigureAwait(false))
            {
                await _machine.WriteSnapshotAsync(stream, token).ConfigureAwait(false);
                await stream.FlushAsync(token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Shutting down: the half-written snapshot is discarded and the log still holds every entry.
            throw;
        }
        catch (Exception e)
        {
            // The next apply would fail on this snapshot and stop the log anyway; say why, and stop cleanly.
            _logger.SnapshotFailed(index, e);
            _onFatal(e);
            throw;
        }
    }

    protected override async ValueTask RestoreAsync(FileInfo snapshotFile, CancellationToken token)
    {
        var stream = new FileStream(snapshotFile.FullName, new FileStreamOptions
        {
            Mode = FileMode.Open,
            Access = FileAccess.Read,
            Share = FileShare.Read,
            Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
        });
        await using (stream.ConfigureAwait(false))
        {
            await _machine.RestoreSnapshotAsync(stream, token).ConfigureAwait(false);
        }

        var index = ParseIndex(snapshotFile.Name);
        Volatile.Write(ref _lastSnapshotIndex, index);
        Volatile.Write(ref _appliedIndex, Math.Max(index, AppliedIndex));
        _logger.SnapshotRestored(index, snapshotFile.FullName);
    }

    private static long ParseIndex(string fileName)
    {
        var dash = fileName.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 && long.TryParse(fileName.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            ? index
            : 0L;
    }

    // A snapshot still being written when the process stopped is left as a *.tmp file; it was never installed.
    private static void DeleteAbandonedSnapshots(DirectoryInfo location)
    {
        foreach (var file in location.EnumerateFiles("*.tmp", SearchOption.TopDirectoryOnly))
        {
            file.Delete();
        }
    }
}
