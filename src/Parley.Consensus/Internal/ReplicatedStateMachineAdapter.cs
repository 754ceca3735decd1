using System.Buffers;
using System.Globalization;
using DotNext.IO;
using DotNext.Net.Cluster.Consensus.Raft.StateMachine;
using Microsoft.Extensions.Logging;
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

    // Written by the apply loop only (and by restore before the loop starts).
    private long _lastSnapshotIndex;

    public ReplicatedStateMachineAdapter(
        DirectoryInfo location, IReplicatedStateMachine machine, long snapshotThreshold, Action<Exception> onFatal, ILogger logger)
        : base(location)
    {
        _machine = machine;
        _snapshotThreshold = snapshotThreshold;
        _onFatal = onFatal;
        _logger = logger;
        DeleteAbandonedSnapshots(location);
    }

    /// <summary>The index of the snapshot most recently taken or restored (0 if none).</summary>
    public long LastSnapshotIndex => Volatile.Read(ref _lastSnapshotIndex);

    protected override ValueTask<bool> ApplyAsync(LogEntry entry, CancellationToken token)
    {
        var waiter = entry.Context as TaskCompletionSource<CommandResult>;

        // Membership changes and no-op entries carry no command.
        if (entry.IsConfiguration || !entry.TryGetPayload(out var payload) || payload.IsEmpty)
        {
            return ValueTask.FromResult(false);
        }

        CommandResult result;
        try
        {
            result = payload.IsSingleSegment
                ? _machine.Apply(entry.Index, payload.FirstSpan)
                : _machine.Apply(entry.Index, payload.ToArray());
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

        if (entry.Index - _lastSnapshotIndex < _snapshotThreshold)
        {
            return ValueTask.FromResult(false);
        }

        Volatile.Write(ref _lastSnapshotIndex, entry.Index);
        _logger.SnapshotStarted(entry.Index);
        return ValueTask.FromResult(true);
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
