using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;
using Parley.Peering.Ca;
using Parley.Peering.Grpc;
using Parley.Peering.Stream;
using Parley.Peering.Tests.Support;
using Parley.Peering.Tracking;
using Parley.State.Commands;
using Parley.State.Store;

namespace Parley.Peering.Tests;

/// <summary>
/// <c>ExchangeSecret</c> answered by a follower whose own state lags behind the leader's: the apply goes to the leader,
/// which is the only place the establishment secret is checked.
/// </summary>
public sealed class ExchangeSecretTests
{
    private const string PeeringId = "11111111-2222-3333-4444-555555555555";
    private const string Secret = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";

    [Fact]
    public async Task ExchangeSecret_LaggingFollowerFreshToken_ExchangesThroughTheLeader()
    {
        var (service, leaderStore) = FollowerWithFreshToken();

        var response = await service.ExchangeSecret(
            new V1.ExchangeSecretRequest { PeerId = PeeringId, EstablishmentSecret = Secret },
            new FakeServerCallContext(TestContext.Current.CancellationToken));

        Assert.NotEmpty(response.StreamSecret);
        var secrets = leaderStore.Current.GetPeeringSecrets(PeeringId);
        Assert.Equal(response.StreamSecret, secrets?.PendingStreamSecret);
        Assert.Null(secrets?.EstablishmentSecret);
    }

    [Fact]
    public async Task ExchangeSecret_WrongSecretOnFollower_IsPermissionDenied()
    {
        var (service, _) = FollowerWithFreshToken();

        var e = await Assert.ThrowsAsync<RpcException>(() => service.ExchangeSecret(
            new V1.ExchangeSecretRequest { PeerId = PeeringId, EstablishmentSecret = Guid.NewGuid().ToString() },
            new FakeServerCallContext(TestContext.Current.CancellationToken)));

        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
        Assert.Equal("invalid peering establishment secret", e.Status.Detail);
    }

    /// <summary>A follower (its own store empty) whose applies land on a leader that has just generated a token.</summary>
    private static (PeerStreamGrpcService Service, StateStore LeaderStore) FollowerWithFreshToken()
    {
        var leaderStore = new StateStore();
        var replicator = new InMemoryReplicator(leaderStore) { IsLeader = false };
        replicator.Apply(new GeneratePeeringToken(new State.Peering.Peering { ID = PeeringId, Name = "dialer" }, Secret));
        var followerStore = new StateStore();
        var options = new PeeringOptions();
        var host = new PeerStreamHost(
            replicator, followerStore, new ConnectCa(followerStore, TimeProvider.System, "dc1"), new PeeringStreamTracker(TimeProvider.System),
            options, TimeProvider.System, NullLoggerFactory.Instance);
        var service = new PeerStreamGrpcService(replicator, options, followerStore, host, NullLogger<PeerStreamGrpcService>.Instance);
        return (service, leaderStore);
    }
}
