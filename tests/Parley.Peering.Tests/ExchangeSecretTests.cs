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
/// which is the only place the establishment secret is checked. A dialer's retry with the same secret gets the same
/// stream secret while it is still pending.
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
    public async Task ExchangeSecret_RepeatedWithTheSameSecret_AnswersTheSameStreamSecret()
    {
        // The dialer's first attempt timed out after the leader applied the exchange; its retry carries the same secret.
        var (service, leaderStore) = FollowerWithFreshToken();
        var request = new V1.ExchangeSecretRequest { PeerId = PeeringId, EstablishmentSecret = Secret };
        var first = await service.ExchangeSecret(request, new FakeServerCallContext(TestContext.Current.CancellationToken));

        var retry = await service.ExchangeSecret(request, new FakeServerCallContext(TestContext.Current.CancellationToken));

        Assert.Equal(first.StreamSecret, retry.StreamSecret);
        Assert.Equal(first.StreamSecret, leaderStore.Current.GetPeeringSecrets(PeeringId)?.PendingStreamSecret);
    }

    [Fact]
    public async Task ExchangeSecret_RepeatedAfterTheStreamPromotedTheSecret_IsPermissionDenied()
    {
        var (service, _, replicator) = FollowerWithFreshTokenAndReplicator();
        var request = new V1.ExchangeSecretRequest { PeerId = PeeringId, EstablishmentSecret = Secret };
        var first = await service.ExchangeSecret(request, new FakeServerCallContext(TestContext.Current.CancellationToken));
        replicator.Apply(new PromotePeeringStreamSecret(PeeringId, first.StreamSecret, null));

        var e = await Assert.ThrowsAsync<RpcException>(
            () => service.ExchangeSecret(request, new FakeServerCallContext(TestContext.Current.CancellationToken)));

        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
        Assert.Equal("invalid peering establishment secret", e.Status.Detail);
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
        var (service, leaderStore, _) = FollowerWithFreshTokenAndReplicator();
        return (service, leaderStore);
    }

    private static (PeerStreamGrpcService Service, StateStore LeaderStore, InMemoryReplicator Replicator) FollowerWithFreshTokenAndReplicator()
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
        return (service, leaderStore, replicator);
    }
}
