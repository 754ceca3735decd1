using Parley.Peering.V1;
using Parley.State.Commands;
using Parley.Testing;

namespace Parley.Peering.Tests.Stream;

/// <summary>
/// Services that queue up while the log is busy are imported as one Raft entry, and every one of them is still ACKed by
/// its own nonce, in order, with anything else between them applied in its place.
/// </summary>
public sealed class PeerStreamSessionImportRunTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Import_ServicesQueuedWhileTheLogIsBusy_AreOneBatchAndEachIsAckedInOrder()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = new SessionHarness().Start();
        await harness.SkipOpeningAsync();
        var before = harness.Replicator.Applied.Count;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Replicator.Hold = release.Task;

        // s0 occupies the log; s1..s5, the list and s6 arrive meanwhile.
        await harness.SendAsync(Service("s0", "00000001"));
        await harness.Replicator.Waiting.Task.WaitAsync(Bound, ct);
        for (var i = 1; i <= 5; i++)
        {
            await harness.SendAsync(Service("s" + i, "0000000" + (i + 1)));
        }

        var list = new ExportedServiceList();
        list.Services.AddRange(Enumerable.Range(0, 7).Select(i => "s" + i));
        await harness.SendAsync(
            SessionHarness.Response(ResourceUrls.ExportedServiceList, ResourceIds.ExportedServiceList, "00000007", list));
        await harness.SendAsync(Service("s6", "00000008"));
        await Eventually.TrueAsync(() => harness.Unread == 0, Bound, "the session reads every message sent", ct);
        harness.Replicator.Hold = null;
        release.SetResult();

        var replies = new List<ReplicationMessage.Types.Request>();
        for (var i = 0; i < 8; i++)
        {
            replies.Add((await harness.NextAsync()).Request);
        }

        Assert.Equal(Enumerable.Range(1, 8).Select(i => "0000000" + i), replies.Select(r => r.ResponseNonce));
        Assert.All(replies, r => Assert.Null(r.Error));
        var applied = harness.Replicator.Applied.Skip(before).ToList();
        Assert.Equal(4, applied.Count);
        Assert.Equal("s0", Assert.IsType<ReconcileImportedService>(applied[0]).ServiceName);
        Assert.Equal(
            ["s1", "s2", "s3", "s4", "s5"],
            Assert.IsType<Batch>(applied[1]).Commands.Select(c => Assert.IsType<ReconcileImportedService>(c).ServiceName));
        Assert.IsType<PruneImportedServices>(applied[2]);
        Assert.Equal("s6", Assert.IsType<ReconcileImportedService>(applied[3]).ServiceName);
        for (var i = 0; i <= 6; i++)
        {
            var imported = Assert.Single(harness.Store.Current.CheckServiceNodes("s" + i, SessionHarness.PeerName));
            Assert.Equal("s" + i + "-1", imported.Service.ID);
        }
    }

    [Fact]
    public async Task Import_RunWithAMalformedService_NacksOnlyThatOneAndImportsTheRest()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = new SessionHarness().Start();
        await harness.SkipOpeningAsync();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Replicator.Hold = release.Task;

        await harness.SendAsync(Service("a", "00000001"));
        await harness.Replicator.Waiting.Task.WaitAsync(Bound, ct);
        await harness.SendAsync(Service("b", "00000002"));
        // No resource ID: refused before anything is applied, as when it comes alone.
        await harness.SendAsync(Service("", "00000003"));
        await harness.SendAsync(Service("c", "00000004"));
        await Eventually.TrueAsync(() => harness.Unread == 0, Bound, "the session reads every message sent", ct);
        harness.Replicator.Hold = null;
        release.SetResult();

        var replies = new List<ReplicationMessage.Types.Request>();
        for (var i = 0; i < 4; i++)
        {
            replies.Add((await harness.NextAsync()).Request);
        }

        Assert.Equal(["00000001", "00000002", "00000003", "00000004"], replies.Select(r => r.ResponseNonce));
        Assert.Equal([null, null, 13, null], replies.Select(r => r.Error?.Code));
        Assert.EndsWith("an exported service needs its name as resource ID", replies[2].Error.Message, StringComparison.Ordinal);
        foreach (var name in new[] { "a", "b", "c" })
        {
            Assert.Single(harness.Store.Current.CheckServiceNodes(name, SessionHarness.PeerName));
        }
    }

    private static ReplicationMessage Service(string name, string nonce)
    {
        var exported = new ExportedService();
        exported.Nodes.Add(new CheckServiceNode
        {
            Node = new V1.Node { Name = "node-" + name, Address = "10.0.0.1" },
            Service = new Service { Id = name + "-1", Service_ = name, Port = 8080 },
        });
        return SessionHarness.Response(ResourceUrls.ExportedService, name, nonce, exported);
    }
}
