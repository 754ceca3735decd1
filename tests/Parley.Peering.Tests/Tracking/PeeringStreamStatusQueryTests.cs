using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Parley.Core.Peering;
using Parley.Mesh.Ca;
using Parley.Peering.Backend;
using Parley.Peering.Tests.Support;
using Parley.Peering.Tracking;
using Parley.State.Store;

namespace Parley.Peering.Tests.Tracking;

/// <summary>
/// The leader query behind peering reads on a follower: the follower's own tracker is empty (streams run on the leader
/// only), so it must report what the leader's tracker holds.
/// </summary>
public sealed class PeeringStreamStatusQueryTests
{
    private const string PeeringId = "11111111-2222-3333-4444-555555555555";

    // Sub-millisecond ticks, so a lossy round trip would show.
    private static readonly DateTimeOffset Start = new DateTimeOffset(2026, 11, 26, 13, 0, 0, TimeSpan.Zero).AddTicks(1234567);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StreamStatusesAsync_OnFollower_ReturnsTheLeadersTrackerNotItsOwn()
    {
        var clock = new FakeTimeProvider(Start);
        var leaderTracker = new PeeringStreamTracker(clock);
        leaderTracker.Connected(PeeringId);
        clock.Advance(TimeSpan.FromSeconds(1));
        leaderTracker.HeartbeatReceived(PeeringId);
        leaderTracker.SetImportedServices(PeeringId, ["web"]);
        var followerTracker = new PeeringStreamTracker(clock);
        var replicator = new InMemoryReplicator(new StateStore()) { IsLeader = false };
        replicator.LeaderQueries.Add(new PeeringStreamStatusQuery(leaderTracker));
        var backend = Backend(replicator, followerTracker, clock);

        var statuses = await backend.StreamStatusesAsync(Ct);

        var status = Assert.Contains(PeeringId, statuses);
        Assert.True(status.Connected);
        Assert.Equal(Start.AddSeconds(1), status.LastHeartbeat);
        Assert.Equal(["web"], status.ImportedServices!);
        Assert.Equal(PeeringState.Active, PeeringReport.StateOf(Peering(), status));
        Assert.Null(followerTracker.Get(PeeringId));
    }

    [Fact]
    public async Task StreamStatusesAsync_OnLeader_ReadsItsOwnTracker()
    {
        var clock = new FakeTimeProvider(Start);
        var tracker = new PeeringStreamTracker(clock);
        tracker.Disconnected(PeeringId, "heartbeat timeout");
        // A leader never asks anyone: no query is registered, so asking would throw.
        var backend = Backend(new InMemoryReplicator(new StateStore()) { IsLeader = true }, tracker, clock);

        var statuses = await backend.StreamStatusesAsync(Ct);

        Assert.Equal(PeeringState.Failing, PeeringReport.StateOf(Peering(), statuses[PeeringId]));
    }

    [Fact]
    public async Task AnswerAsync_EveryField_DecodesToTheSameStatus()
    {
        var clock = new FakeTimeProvider(Start);
        var tracker = new PeeringStreamTracker(clock);
        tracker.Connected(PeeringId);
        var step = 0;
        void Next() => clock.Advance(TimeSpan.FromMilliseconds(++step * 7.3));
        Next();
        tracker.HeartbeatReceived(PeeringId);
        Next();
        tracker.ReceiveSucceeded(PeeringId);
        Next();
        tracker.ReceiveFailed(PeeringId, "bad resource");
        Next();
        tracker.SendSucceeded(PeeringId);
        Next();
        tracker.SendFailed(PeeringId, "send broke");
        Next();
        tracker.Acked(PeeringId);
        Next();
        tracker.Nacked(PeeringId, "nacked");
        Next();
        tracker.ServicesImported(PeeringId, ["api"]);
        tracker.SetImportedServices(PeeringId, ["api", "web"]);
        tracker.SetExportedServices(PeeringId, []);
        Next();
        tracker.Disconnected(PeeringId, "stream reset");
        tracker.Connected("other");
        var expected = tracker.Get(PeeringId)!;

        var answer = await new PeeringStreamStatusQuery(tracker).AnswerAsync(ReadOnlyMemory<byte>.Empty, Ct);
        var decoded = PeeringStreamStatusQuery.Decode(answer);

        Assert.Equal([PeeringId, "other"], decoded.Keys.Order(StringComparer.Ordinal));
        var actual = decoded[PeeringId];
        // The lists compare by content; everything else by value.
        Assert.Equal(
            expected with { ImportedServices = null, ExportedServices = null, ImportedAt = null },
            actual with { ImportedServices = null, ExportedServices = null, ImportedAt = null });
        Assert.Equal(expected.ImportedAt!["api"], Assert.Single(actual.ImportedAt!).Value);
        Assert.Equal(["api", "web"], actual.ImportedServices!);
        Assert.Empty(actual.ExportedServices!);
        Assert.Equal(expected.LastReceive, actual.LastReceive);
        Assert.Equal(expected.LastSend, actual.LastSend);
        Assert.Equal("stream reset", actual.LastErrorMessage);
        Assert.Equal(expected.DisconnectedAt, actual.LastErrorAt);
        Assert.Null(decoded["other"].ImportedServices);
    }

    private static State.Peering.PeeringRecord Peering() =>
        new() { ID = PeeringId, Name = "dialer", State = PeeringState.Establishing };

    private static PeeringBackend Backend(InMemoryReplicator replicator, PeeringStreamTracker tracker, TimeProvider clock)
    {
        var options = Options.Create(new PeeringOptions());
        return new PeeringBackend(
            replicator, replicator.Store, new ConnectCa(replicator.Store, clock, "dc1"), tracker,
            new SecretExchanger(options, clock, NullLoggerFactory.Instance), options, clock);
    }
}
