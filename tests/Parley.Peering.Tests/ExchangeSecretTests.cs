using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Parley.Core;
using Parley.Core.Peering;
using Parley.Peering.Backend;
using Parley.Peering.Grpc;
using Parley.Peering.Tests.Support;
using Parley.State;
using Parley.State.Commands;
using Parley.State.Store;

namespace Parley.Peering.Tests;

/// <summary>
/// <c>ExchangeSecret</c> answered by a follower whose own state lags behind the leader's: the apply goes to the leader,
/// which is the only place the establishment secret is checked. A Parley dialer's retry of the same establish (same secret
/// and exchange id) gets the same stream secret while it is still pending; any other reuse is refused.
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
        var first = await service.ExchangeSecret(request, Attempt("exchange-1"));

        var retry = await service.ExchangeSecret(request, Attempt("exchange-1"));

        Assert.Equal(first.StreamSecret, retry.StreamSecret);
        Assert.Equal(first.StreamSecret, leaderStore.Current.GetPeeringSecrets(PeeringId)?.PendingStreamSecret);
    }

    [Fact]
    public async Task ExchangeSecret_RepeatedAfterTheStreamPromotedTheSecret_IsPermissionDenied()
    {
        var (service, _, replicator) = FollowerWithFreshTokenAndReplicator();
        var request = new V1.ExchangeSecretRequest { PeerId = PeeringId, EstablishmentSecret = Secret };
        var first = await service.ExchangeSecret(request, Attempt("exchange-1"));
        replicator.Apply(new PromotePeeringStreamSecret(PeeringId, first.StreamSecret, null));

        var e = await Assert.ThrowsAsync<RpcException>(() => service.ExchangeSecret(request, Attempt("exchange-1")));

        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
        Assert.Equal("invalid peering establishment secret", e.Status.Detail);
    }

    [Fact]
    public async Task ExchangeSecret_SameTokenFromAnotherEstablish_IsPermissionDenied()
    {
        // A second establish with a used token (its own exchange id, or none from a Consul dialer) before any stream opened.
        var (service, leaderStore) = FollowerWithFreshToken();
        var request = new V1.ExchangeSecretRequest { PeerId = PeeringId, EstablishmentSecret = Secret };
        var first = await service.ExchangeSecret(request, Attempt("exchange-1"));

        var other = await Assert.ThrowsAsync<RpcException>(() => service.ExchangeSecret(request, Attempt("exchange-2")));
        var consul = await Assert.ThrowsAsync<RpcException>(
            () => service.ExchangeSecret(request, new FakeServerCallContext(TestContext.Current.CancellationToken)));

        Assert.Equal(StatusCode.PermissionDenied, other.StatusCode);
        Assert.Equal("invalid peering establishment secret", other.Status.Detail);
        Assert.Equal(StatusCode.PermissionDenied, consul.StatusCode);
        Assert.Equal(first.StreamSecret, leaderStore.Current.GetPeeringSecrets(PeeringId)?.PendingStreamSecret);
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

    [Fact]
    public async Task ExchangeAsync_FirstAttemptAnsweredAfterItsTimeout_RetryGetsTheStreamSecretTheFirstApplyStored()
    {
        // The acceptor applies the first exchange at once but answers only after the dialer's 2 s attempt gave up (a
        // loaded leader); the dialer's retry carries the same secret and must not be refused.
        var leaderStore = new StateStore();
        var replicator = new InMemoryReplicator(leaderStore);
        replicator.Apply(new GeneratePeeringToken(new State.Peering.PeeringRecord { ID = PeeringId, Name = "dialer" }, Secret));
        var slow = new SlowFirstExchangeReplicator(replicator, TimeSpan.FromSeconds(3));
        var options = new PeeringOptions();
        await using var app = await StartPlaintextAsync(
            TestAcceptor.Service(slow, leaderStore, options),
            TestContext.Current.CancellationToken);
        var token = new PeeringToken { PeerID = PeeringId, EstablishmentSecret = Secret, ServerAddresses = [app.Address] };

        var streamSecret = await new SecretExchanger(Options.Create(options), TimeProvider.System, NullLoggerFactory.Instance)
            .ExchangeAsync(
                token,
                SecretExchanger.ExchangeIdFor("dialer.peering.consul", "acceptor"),
                [],
                TestContext.Current.CancellationToken);

        Assert.Equal(leaderStore.Current.GetPeeringSecrets(PeeringId)?.PendingStreamSecret, streamSecret);
        Assert.Equal(2, replicator.Applied.OfType<ExchangePeeringSecret>().Count());
    }

    [Fact]
    public async Task ExchangeAsync_EstablishRunAgainForTheSameName_GetsTheSameSecretAndAnotherNameIsRefused()
    {
        // A user re-runs an establish whose answer never reached them: same cluster, same name, same token.
        var store = new StateStore();
        var replicator = new InMemoryReplicator(store);
        replicator.Apply(new GeneratePeeringToken(new State.Peering.PeeringRecord { ID = PeeringId, Name = "dialer" }, Secret));
        var options = new PeeringOptions();
        await using var app = await StartPlaintextAsync(
            TestAcceptor.Service(replicator, store, options),
            TestContext.Current.CancellationToken);
        var token = new PeeringToken { PeerID = PeeringId, EstablishmentSecret = Secret, ServerAddresses = [app.Address] };
        var exchanger = new SecretExchanger(Options.Create(options), TimeProvider.System, NullLoggerFactory.Instance);
        var ct = TestContext.Current.CancellationToken;

        var first = await exchanger.ExchangeAsync(token, SecretExchanger.ExchangeIdFor("dialer.peering.consul", "acceptor"), [], ct);
        var again = await exchanger.ExchangeAsync(token, SecretExchanger.ExchangeIdFor("dialer.peering.consul", "acceptor"), [], ct);
        var otherName = await Assert.ThrowsAsync<ParleyException>(
            () => exchanger.ExchangeAsync(token, SecretExchanger.ExchangeIdFor("dialer.peering.consul", "someone-else"), [], ct));
        var otherCluster = await Assert.ThrowsAsync<ParleyException>(
            () => exchanger.ExchangeAsync(token, SecretExchanger.ExchangeIdFor("other.peering.consul", "acceptor"), [], ct));

        Assert.Equal(first, again);
        Assert.Equal(first, store.Current.GetPeeringSecrets(PeeringId)?.PendingStreamSecret);
        Assert.Contains("invalid peering establishment secret", otherName.Message, StringComparison.Ordinal);
        Assert.Contains("invalid peering establishment secret", otherCluster.Message, StringComparison.Ordinal);
    }

    /// <summary>A call context carrying a Parley dialer's exchange id, as every attempt of one establish does.</summary>
    private static FakeServerCallContext Attempt(string exchangeId)
    {
        var context = new FakeServerCallContext(TestContext.Current.CancellationToken);
        context.RequestHeaders.Add(SecretExchanger.ExchangeIdHeader, exchangeId);
        return context;
    }

    /// <summary>Serves <paramref name="service"/> over plaintext HTTP/2 (a token without a CA is dialed in plaintext).</summary>
    private static Task<GrpcTestServer> StartPlaintextAsync(PeerStreamGrpcService service, CancellationToken cancellationToken) =>
        GrpcTestServer.StartAsync<PeerStreamGrpcService>(services => services.AddSingleton(service), https: null, cancellationToken);

    /// <summary>A follower (its own store empty) whose applies land on a leader that has just generated a token.</summary>
    private static (PeerStreamGrpcService Service, StateStore LeaderStore) FollowerWithFreshToken()
    {
        var (service, leaderStore, _) = FollowerWithFreshTokenAndReplicator();
        return (service, leaderStore);
    }

    private static (PeerStreamGrpcService Service, StateStore LeaderStore,
        InMemoryReplicator Replicator) FollowerWithFreshTokenAndReplicator()
    {
        var leaderStore = new StateStore();
        var replicator = new InMemoryReplicator(leaderStore) { IsLeader = false };
        replicator.Apply(new GeneratePeeringToken(new State.Peering.PeeringRecord { ID = PeeringId, Name = "dialer" }, Secret));
        return (TestAcceptor.Service(replicator, new StateStore(), new PeeringOptions()), leaderStore, replicator);
    }

    /// <summary>
    /// Applies every command at once, but holds back the answer of the first <see cref="ExchangePeeringSecret"/> for
    /// <paramref name="delay"/>, whatever the caller's cancellation: a leader that committed the exchange and answered late.
    /// </summary>
    private sealed class SlowFirstExchangeReplicator(InMemoryReplicator inner, TimeSpan delay) : IReplicator
    {
        private int _exchanges;

        public ClusterStatus Status => inner.Status;

        public async ValueTask<CommandResult> ApplyAsync(Command command, CancellationToken cancellationToken)
        {
            var result = await inner.ApplyAsync(command, cancellationToken);
            if (command is ExchangePeeringSecret && Interlocked.Increment(ref _exchanges) == 1)
            {
                await Task.Delay(delay, CancellationToken.None);
            }

            return result;
        }

        public ValueTask ReadBarrierAsync(CancellationToken cancellationToken) => inner.ReadBarrierAsync(cancellationToken);

        public ValueTask LeaderReadAsync(CancellationToken cancellationToken) => inner.LeaderReadAsync(cancellationToken);

        public ValueTask<byte[]> QueryLeaderAsync(string name, ReadOnlyMemory<byte> request, CancellationToken cancellationToken) =>
            inner.QueryLeaderAsync(name, request, cancellationToken);
    }
}
