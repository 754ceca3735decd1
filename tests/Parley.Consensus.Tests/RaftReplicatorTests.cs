using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Parley.State;
using Parley.State.Commands;

namespace Parley.Consensus.Tests;

public sealed class RaftReplicatorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DeregisterCatalog Deregister(string node) => new DeregisterCatalog(node, null, null);

    [Fact]
    public async Task StartAsync_BootstrappedSingleServer_ElectsItselfWellUnderTwoSeconds()
    {
        await using var server = RaftTestServer.Create();

        var clock = Stopwatch.StartNew();
        await server.Replicator.StartAsync(Ct);
        var leader = await server.Replicator.WaitForLeaderAsync(Ct).WaitAsync(RaftTestServer.Timeout, Ct);
        clock.Stop();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"electing took {clock.Elapsed}");
        Assert.Equal(server.Address, leader);
        var status = server.Replicator.Status;
        Assert.True(status.IsLeader);
        Assert.Equal(server.Address, status.Leader);
        Assert.Equal(TimeSpan.Zero, status.LastContact);
        Assert.Equal([server.Address], status.Peers);
    }

    [Fact]
    public async Task ApplyAsync_OnLeader_ReturnsEachEntrysResultWithIncreasingIndexes()
    {
        await using var server = RaftTestServer.Create();
        await server.StartAsync();

        var results = new List<CommandResult>();
        foreach (var node in new[] { "n1", "n2", "n3" })
        {
            results.Add(await server.Replicator.ApplyAsync(Deregister(node), Ct));
        }

        Assert.Equal([1, 2, 3], results.Select(r => (int)r.Value!));
        Assert.True(results[0].Index > 0);
        Assert.True(results[1].Index > results[0].Index && results[2].Index > results[1].Index);
        Assert.Equal(results[2].Index, server.Machine.LastAppliedIndex);
        Assert.Equal(
            new[] { "n1", "n2", "n3" }.Select(n => System.Text.Encoding.UTF8.GetString(CommandCodec.Encode(Deregister(n)))),
            server.Machine.Items);
    }

    [Fact]
    public async Task ApplyAsync_ConcurrentWrites_EachCallerGetsItsOwnEntrysResult()
    {
        await using var server = RaftTestServer.Create();
        await server.StartAsync();

        var writes = Enumerable.Range(0, 20)
            .Select(i => server.Replicator.ApplyAsync(Deregister($"n{i}"), Ct).AsTask())
            .ToArray();
        var results = await Task.WhenAll(writes).WaitAsync(RaftTestServer.Timeout, Ct);

        Assert.Equal(20, results.Select(r => r.Index).Distinct().Count());
        var items = server.Machine.Items;
        for (var i = 0; i < results.Length; i++)
        {
            // The count returned for a write is the position of that write's own payload in the applied list.
            var position = (int)results[i].Value! - 1;
            Assert.Contains($"\"n{i}\"", items[position], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task StartAsync_SameDataDir_ReproducesStateAndContinuesAtNextIndex()
    {
        await using var server = RaftTestServer.Create();
        await server.StartAsync();
        for (var i = 0; i < 5; i++)
        {
            await server.Replicator.ApplyAsync(Deregister($"n{i}"), Ct);
        }

        var itemsBefore = server.Machine.Items;
        var indexBefore = server.Machine.LastAppliedIndex;

        await server.RestartAsync();
        await server.Replicator.ReadBarrierAsync(Ct).AsTask().WaitAsync(RaftTestServer.Timeout, Ct);

        Assert.Equal(itemsBefore, server.Machine.Items);
        Assert.Equal(indexBefore, server.Machine.LastAppliedIndex);
        var next = await server.Replicator.ApplyAsync(Deregister("after-restart"), Ct);
        Assert.True(next.Index > indexBefore, $"index {next.Index} after restart is not past {indexBefore}");
        Assert.Equal(6, next.Value);
    }

    [Fact]
    public async Task Snapshot_PastThreshold_IsTakenAndRestartRestoresItThenReplaysTheTail()
    {
        await using var server = RaftTestServer.Create(snapshotThreshold: 5);
        await server.StartAsync();
        for (var i = 0; i < 23; i++)
        {
            await server.Replicator.ApplyAsync(Deregister($"n{i}"), Ct);
        }

        Assert.True(server.Machine.SnapshotsWritten > 0, "no snapshot was written");
        Assert.NotEmpty(Directory.GetFiles(server.Replicator.SnapshotDirectory, "*-*"));
        var itemsBefore = server.Machine.Items;
        var indexBefore = server.Machine.LastAppliedIndex;

        await server.RestartAsync();
        await server.Replicator.ReadBarrierAsync(Ct).AsTask().WaitAsync(RaftTestServer.Timeout, Ct);

        Assert.True(server.Machine.RestoredIndex > 0, "the restart did not restore a snapshot");
        Assert.True(server.Machine.RestoredIndex < indexBefore, "the restart replayed no log after the snapshot");
        Assert.Equal(itemsBefore, server.Machine.Items);
        Assert.Equal(indexBefore, server.Machine.LastAppliedIndex);
    }

    [Fact]
    public async Task ApplyAsync_ApplyThrowsCorruptCommand_SurfacesToCallerAndInvokesFatalHandler()
    {
        await using var server = RaftTestServer.Create();
        await server.StartAsync();
        var good = await server.Replicator.ApplyAsync(Deregister("n1"), Ct);

        await Assert.ThrowsAsync<CorruptCommandException>(
            () => server.Replicator.ApplyAsync(Deregister(ListStateMachine.PoisonNode), Ct).AsTask().WaitAsync(RaftTestServer.Timeout, Ct));

        var fatal = await server.FatalErrors.Called.Task.WaitAsync(RaftTestServer.Timeout, Ct);
        Assert.IsType<CorruptCommandException>(fatal);
        Assert.Equal(1, server.FatalErrors.Calls);
        Assert.Same(fatal, server.Replicator.FatalError);
        Assert.False(server.Replicator.Status.IsLeader);
        await Assert.ThrowsAsync<InvalidOperationException>(() => server.Replicator.ApplyAsync(Deregister("n2"), Ct).AsTask());
        Assert.Equal(good.Index, server.Machine.LastAppliedIndex);
    }

    [Fact]
    public async Task StartAsync_LogHoldsUnappliableEntry_StopsAgainWithoutSkippingIt()
    {
        await using var server = RaftTestServer.Create();
        await server.StartAsync();
        var good = await server.Replicator.ApplyAsync(Deregister("n1"), Ct);
        await Assert.ThrowsAsync<CorruptCommandException>(
            () => server.Replicator.ApplyAsync(Deregister(ListStateMachine.PoisonNode), Ct).AsTask().WaitAsync(RaftTestServer.Timeout, Ct));

        try
        {
            // Replay reaches the entry either while starting (start fails) or once re-elected (the handler fires).
            await server.RestartAsync();
        }
        catch (InvalidOperationException)
        {
        }

        var fatal = await server.FatalErrors.Called.Task.WaitAsync(RaftTestServer.Timeout, Ct);
        Assert.IsType<CorruptCommandException>(fatal);
        Assert.Equal(good.Index, server.Machine.LastAppliedIndex);
        Assert.Single(server.Machine.Items);
    }

    [Fact]
    public async Task ApplyAsync_CancelledWhileWaitingForApply_ThrowsOperationCanceledPromptly()
    {
        await using var server = RaftTestServer.Create();
        await server.StartAsync();
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var write = server.Replicator.ApplyAsync(Deregister(ListStateMachine.SlowNode), cancellation.Token).AsTask();
        await server.Machine.SlowEntered.Task.WaitAsync(RaftTestServer.Timeout, Ct);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => write.WaitAsync(TimeSpan.FromSeconds(5), Ct));
        server.Machine.ReleaseSlow();
    }

    [Fact]
    public async Task ApplyAsync_TokenAlreadyCancelled_ThrowsAndAppendsNothing()
    {
        await using var server = RaftTestServer.Create();
        await server.StartAsync();
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => server.Replicator.ApplyAsync(Deregister("n1"), cancellation.Token).AsTask());
        var next = await server.Replicator.ApplyAsync(Deregister("n2"), Ct);

        Assert.Equal(1, next.Value);
        Assert.Single(server.Machine.Items);
    }

    [Fact]
    public async Task StartAsync_ServerPortInUse_FailsClosingWhatItOpenedAndAStartAfterItIsFreedWorks()
    {
        await using var server = RaftTestServer.Create();
        var squatter = new TcpListener(IPAddress.Loopback, server.Port);
        squatter.Start();

        var error = await Assert.ThrowsAsync<IOException>(() => server.Replicator.StartAsync(Ct));

        Assert.Equal($"the server port {server.Address} is already in use", error.Message);
        Assert.Null(server.Replicator.Status.Leader);
        await Assert.ThrowsAsync<NoLeaderException>(() => server.Replicator.ApplyAsync(Deregister("n1"), Ct).AsTask());

        // The failed start closed the log it had opened: the same replicator opens it again once the port is free.
        squatter.Stop();
        await server.StartAsync();
        var write = await server.Replicator.ApplyAsync(Deregister("n1"), Ct);
        Assert.Equal(1, write.Value);
        Assert.Equal(server.Address, server.Replicator.Status.Leader);
    }

    [Fact]
    public async Task ApplyAsync_NotStarted_ThrowsNoLeader()
    {
        await using var server = RaftTestServer.Create();

        await Assert.ThrowsAsync<NoLeaderException>(() => server.Replicator.ApplyAsync(Deregister("n1"), Ct).AsTask());
        await Assert.ThrowsAsync<NoLeaderException>(() => server.Replicator.ReadBarrierAsync(Ct).AsTask());
        Assert.False(server.Replicator.Status.IsLeader);
        Assert.Null(server.Replicator.Status.Leader);
    }

    [Fact]
    public async Task ReadBarrierAsync_OnLeader_ReturnsAfterEverythingCommittedIsApplied()
    {
        await using var server = RaftTestServer.Create();
        await server.StartAsync();
        var write = await server.Replicator.ApplyAsync(Deregister("n1"), Ct);

        await server.Replicator.ReadBarrierAsync(Ct).AsTask().WaitAsync(RaftTestServer.Timeout, Ct);

        Assert.True(server.Machine.LastAppliedIndex >= write.Index);
    }
}
