using Microsoft.Extensions.Logging.Abstractions;
using Parley.Core;
using Parley.Core.Catalog;
using Parley.State.Commands;
using Parley.State.Machine;
using Parley.State.Store;
using Parley.Testing;

namespace Parley.Consensus.Tests;

public sealed class SnapshotTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DeregisterCatalog Deregister(string node) => new(node, null, null);

    [Fact]
    public async Task SaveThenRestore_OnFollowers_EveryServerGoesBackToTheSavedState()
    {
        await using var cluster = RaftTestCluster.Create(3);
        await cluster.StartAsync();
        var leader = await cluster.LeaderAsync();
        var followers = cluster.Servers.Where(s => s != leader).ToList();
        await leader.Replicator.ApplyAsync(Deregister("kept-1"), Ct);
        await leader.Replicator.ApplyAsync(Deregister("kept-2"), Ct);
        using var archive = new MemoryStream();
        await followers[0].Replicator.SaveSnapshotAsync(archive, stale: false, Ct);
        var saved = leader.Machine.Items;
        await leader.Replicator.ApplyAsync(Deregister("dropped"), Ct);

        archive.Position = 0;
        var restoredAt = await followers[1].Replicator.RestoreSnapshotAsync(archive, Ct);

        foreach (var server in cluster.Servers)
        {
            await Eventually.TrueAsync(
                () => server.Machine.Items.SequenceEqual(saved), RaftTestServer.Timeout, "the restarted server holds what was saved", Ct);
        }

        var next = await followers[0].Replicator.ApplyAsync(Deregister("after-restore"), Ct);
        Assert.True(next.Index > restoredAt);
        Assert.Equal(3, next.Value);
    }

    [Fact]
    public async Task RestoreSnapshotAsync_DamagedArchive_IsRefusedAndChangesNothing()
    {
        await using var server = RaftTestServer.Create();
        await server.StartAsync();
        await server.Replicator.ApplyAsync(Deregister("n1"), Ct);
        using var archive = new MemoryStream();
        await server.Replicator.SaveSnapshotAsync(archive, stale: false, Ct);
        await server.Replicator.ApplyAsync(Deregister("n2"), Ct);
        var bytes = archive.ToArray();
        bytes[bytes.Length / 2] ^= 0x5A;
        var indexBefore = server.Machine.LastAppliedIndex;

        var error = await Assert.ThrowsAsync<ParleyException>(
            () => server.Replicator.RestoreSnapshotAsync(new MemoryStream(bytes), Ct));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        Assert.StartsWith("Error verifying snapshot file: ", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, server.Machine.Items.Count);
        Assert.Equal(indexBefore, server.Machine.LastAppliedIndex);
    }

    [Fact]
    public async Task RestoreSnapshotAsync_NotAnArchive_IsRefused()
    {
        await using var server = RaftTestServer.Create();
        await server.StartAsync();

        var error = await Assert.ThrowsAsync<ParleyException>(
            () => server.Replicator.RestoreSnapshotAsync(new MemoryStream("{\"not\":\"a snapshot\"}"u8.ToArray()), Ct));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        Assert.Empty(server.Machine.Items);
    }

    [Fact]
    public async Task RestoreSnapshotAsync_StateFromALongerHistory_LaterWritesStillApply()
    {
        // A snapshot taken at a high index is restored into a young cluster (disaster recovery): the restored state is
        // re-stamped with the restore's own index, so the next entries are not mistaken for replays.
        var store = new StateStore();
        var machine = new StateMachine(store, NullLogger<StateMachine>.Instance);
        for (var i = 1; i <= 50; i++)
        {
            machine.Apply(i, CommandCodec.Encode(Register($"old-{i}")));
        }

        using var state = new MemoryStream();
        await machine.WriteSnapshotAsync(state, Ct);
        using var archive = new MemoryStream();
        await Internal.SnapshotArchive.WriteAsync(
            archive, new Internal.SnapshotMeta(1, "1-50-0", 50, 1, state.Length, DateTimeOffset.UnixEpoch), state.ToArray(), Ct);

        await using var server = RaftTestServer.Create();
        var target = new StateMachine(new StateStore(), NullLogger<StateMachine>.Instance);
        server.UseMachine(target);
        await server.StartAsync();
        archive.Position = 0;
        var restoredAt = await server.Replicator.RestoreSnapshotAsync(archive, Ct);
        var next = await server.Replicator.ApplyAsync(Register("new"), Ct);

        Assert.True(restoredAt < 50, $"the young cluster's restore index {restoredAt} should be below the snapshot's 50");
        Assert.True(next.Value is true);
        Assert.True(next.Index > restoredAt);
        Assert.Equal(next.Index, target.LastAppliedIndex);
        Assert.Equal(51, target.Store.Current.Nodes().Count());
    }

    [Fact]
    public async Task Archive_RoundTrip_ReturnsTheSameStateAndMeta()
    {
        var meta = new Internal.SnapshotMeta(1, "2-10-5", 10, 2, 0, DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
        using var archive = new MemoryStream();
        await Internal.SnapshotArchive.WriteAsync(archive, meta, "state bytes"u8.ToArray(), Ct);
        archive.Position = 0;

        var (readMeta, state) = await Internal.SnapshotArchive.ReadAsync(archive, Ct);

        Assert.Equal("state bytes"u8.ToArray(), state);
        Assert.Equal(meta with { Size = 11 }, readMeta);
    }

    private static RegisterCatalog Register(string node) => new(new Node { Name = node, Address = "10.0.0.1" }, null, []);
}
