using DotNext.Net.Cluster.Consensus.Raft;
using Parley.Consensus.Internal;
using Parley.Consensus.Internal.Rpc;
using Parley.Core;
using Parley.State;

namespace Parley.Consensus;

public sealed partial class RaftReplicator
{
    /// <summary>
    /// Writes a snapshot archive of the current state to <paramref name="destination"/> (Consul's <c>GET /v1/snapshot</c>):
    /// a gzip-compressed tar of <c>meta.json</c>, the state machine's snapshot (<c>state.bin</c>) and their SHA-256 sums.
    /// </summary>
    /// <param name="destination">Where the archive goes.</param>
    /// <param name="stale">
    /// Save this server's state as it is. Otherwise a read barrier first makes sure it holds everything committed.
    /// </param>
    /// <param name="cancellationToken">Cancels the save.</param>
    /// <returns>The log index the saved state includes (at least).</returns>
    /// <exception cref="NoLeaderException">Not <paramref name="stale"/> and no leader could confirm the state.</exception>
    public async Task<long> SaveSnapshotAsync(Stream destination, bool stale, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var run = Run;

        if (!stale)
        {
            await ReadBarrierAsync(cancellationToken).ConfigureAwait(false);
        }

        var index = _machine.LastAppliedIndex;
        var term = run.Cluster?.Term ?? 0;
        using var state = new MemoryStream();
        await _machine.WriteSnapshotAsync(state, cancellationToken).ConfigureAwait(false);
        var created = _timeProvider.GetUtcNow();
        var meta = new SnapshotMeta(SnapshotMeta.CurrentVersion, $"{term}-{index}-{created.ToUnixTimeMilliseconds()}", index, term,
            state.Length, created);
        await SnapshotArchive.WriteAsync(destination, meta, state.GetBuffer().AsMemory(0, (int)state.Length), cancellationToken)
            .ConfigureAwait(false);
        return index;
    }

    /// <summary>
    /// Replaces the whole state with the snapshot archive read from <paramref name="source"/> (Consul's
    /// <c>PUT /v1/snapshot</c>). The archive is checked first (format and SHA-256 sums): a damaged one is refused and
    /// nothing changes. A good one is applied through the log, on every server at the same index.
    /// </summary>
    /// <returns>The log index of the restore.</returns>
    /// <exception cref="ParleyException">(InvalidArgument) the archive is damaged or its state cannot be read.</exception>
    /// <exception cref="NoLeaderException">No leader within <see cref="RaftOptions.WriteTimeout"/>.</exception>
    public async Task<long> RestoreSnapshotAsync(Stream source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var archive = await ReadBoundedAsync(source, cancellationToken).ConfigureAwait(false);

        // Check here too, so a damaged file is refused by the server it was sent to, before it travels anywhere.
        using (var check = new MemoryStream(archive, writable: false))
        {
            await SnapshotArchive.ReadAsync(check, cancellationToken).ConfigureAwait(false);
        }

        var run = Run;
        var restore = new RpcRequest(RpcKind.Restore, run.Self, archive);
        var response = await CallLeaderAsync(run, restore, cancellationToken).ConfigureAwait(false);
        var result = ResultCodec.Decode(response.Result ?? []);
        await WaitForLocalApplyAsync(run, response.Index, cancellationToken).ConfigureAwait(false);
        result.ThrowIfRejected();
        return result.Index;
    }

    private static async Task<byte[]> ReadBoundedAsync(Stream source, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await source.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > SnapshotArchive.MaxSize)
            {
                throw new ParleyException(ErrorCode.InvalidArgument,
                    $"Error verifying snapshot file: it is larger than {SnapshotArchive.MaxSize} bytes");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
