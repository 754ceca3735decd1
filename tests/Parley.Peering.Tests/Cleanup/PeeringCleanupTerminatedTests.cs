using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Parley.Core.Peering;
using Parley.Mesh.Ca;
using Parley.Peering.Cleanup;
using Parley.Peering.Stream;
using Parley.Peering.Tests.Support;
using Parley.Peering.Tracking;
using Parley.State.Commands;
using Parley.State.Store;
using Parley.Testing;

namespace Parley.Peering.Tests.Cleanup;

/// <summary>
/// A peering deleted on the dialer while no stream on this server said <c>Terminated</c> (the leader that had the stream
/// died): the cleanup opens one stream to the acceptor just to say it, then deletes the record whatever the outcome.
/// </summary>
public sealed class PeeringCleanupTerminatedTests : IAsyncLifetime
{
    private const string AcceptorPeeringId = "aaaaaaaa-0000-0000-0000-000000000001";
    private const string DialerPeeringId = "dddddddd-0000-0000-0000-000000000002";
    private const string StreamSecret = "f1f1f1f1-0000-0000-0000-000000000003";
    private const string Establishment = "e1e1e1e1-0000-0000-0000-000000000004";

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private AcceptorServer _acceptor = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _acceptor = await AcceptorServer.StartAsync(Ct);

    public async ValueTask DisposeAsync() => await _acceptor.DisposeAsync();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Cleanup_DeletingDialerWithKeptSecret_TellsTheAcceptorAndRemovesTheRecord(bool secretPromoted)
    {
        AcceptorPeering(secretPromoted);
        var dialer = new Dialer(_acceptor.Address, _acceptor);

        await dialer.RunCleanupUntilRemovedAsync(PeerTerminator.DefaultBudget);

        var peering = _acceptor.Store.Current.GetPeeringById(AcceptorPeeringId)!;
        Assert.Equal(PeeringState.Terminated, peering.State);
        Assert.Null(_acceptor.Store.Current.GetPeeringSecrets(AcceptorPeeringId));
        Assert.Null(dialer.Store.Current.GetPeeringSecrets(DialerPeeringId));
    }

    [Fact]
    public async Task Cleanup_AcceptorUnreachable_RemovesTheRecordOnceTheBudgetIsSpent()
    {
        var dialer = new Dialer("127.0.0.1:1", _acceptor);
        var budget = TimeSpan.FromMilliseconds(500);
        var clock = Stopwatch.StartNew();

        await dialer.RunCleanupUntilRemovedAsync(budget);

        Assert.True(
            clock.Elapsed >= budget, $"the record went after {clock.Elapsed}, before the {budget} budget to reach the peer was spent");
        Assert.Null(dialer.Store.Current.GetPeeringSecrets(DialerPeeringId));
    }

    [Fact]
    public async Task Cleanup_StreamOnThisServerAlreadySentTerminated_OpensNoStream()
    {
        AcceptorPeering(promoted: true);
        var dialer = new Dialer(_acceptor.Address, _acceptor);
        dialer.Host.RecordTerminatedSent(DialerPeeringId);

        await dialer.RunCleanupUntilRemovedAsync(PeerTerminator.DefaultBudget);

        // Had the cleanup opened a stream, the acceptor would have gone TERMINATED.
        Assert.True(_acceptor.Store.Current.GetPeeringById(AcceptorPeeringId)!.IsActive);
        Assert.False(dialer.Host.SentTerminated(DialerPeeringId));
    }

    [Fact]
    public async Task TellAsync_AcceptorPeeringAlreadyDeleting_IsAlreadyKnown()
    {
        AcceptorPeering(promoted: true);
        _acceptor.Replicator.Apply(new MarkPeeringForDeletion("dialer", DateTimeOffset.UtcNow));
        var dialer = new Dialer(_acceptor.Address, _acceptor);

        var result = await dialer.Terminator(PeerTerminator.DefaultBudget).TellAsync(dialer.Peering, StreamSecret, null, Ct);

        Assert.Equal(PeerTerminationOutcome.AlreadyKnown, result.Outcome);
        Assert.Equal($"peering is marked as deleted: {AcceptorPeeringId}", result.Detail);
        Assert.Equal(1, result.Attempts);
    }

    [Fact]
    public async Task TellAsync_SecretTheAcceptorDoesNotKnow_IsRefusedWithoutRetrying()
    {
        AcceptorPeering(promoted: true);
        var dialer = new Dialer(_acceptor.Address, _acceptor);

        var result = await dialer.Terminator(PeerTerminator.DefaultBudget).TellAsync(dialer.Peering, "not-the-secret", null, Ct);

        Assert.Equal(PeerTerminationOutcome.Refused, result.Outcome);
        Assert.Equal("invalid peering stream secret", result.Detail);
        Assert.Equal(1, result.Attempts);
        Assert.True(_acceptor.Store.Current.GetPeeringById(AcceptorPeeringId)!.IsActive);
    }

    [Fact]
    public async Task TellAsync_FirstAddressDead_TellsTheNextOne()
    {
        AcceptorPeering(promoted: true);
        var dialer = new Dialer(_acceptor.Address, _acceptor);
        var peering = dialer.Peering with { PeerServerAddresses = ["127.0.0.1:1", _acceptor.Address] };

        var result = await dialer.Terminator(PeerTerminator.DefaultBudget).TellAsync(peering, StreamSecret, null, Ct);

        Assert.Equal(PeerTerminationOutcome.Told, result.Outcome);
        Assert.Equal(_acceptor.Address, result.Address);
        Assert.Equal(2, result.Attempts);
        Assert.Equal(PeeringState.Terminated, _acceptor.Store.Current.GetPeeringById(AcceptorPeeringId)!.State);
    }

    /// <summary>The acceptor's record after the dialer exchanged the secret, and (when promoted) after its first stream.</summary>
    private void AcceptorPeering(bool promoted)
    {
        _acceptor.Replicator.Apply(new GeneratePeeringToken(new State.Peering.PeeringRecord
        {
            ID = AcceptorPeeringId,
            Name = "dialer",
        }, Establishment));
        _acceptor.Replicator.Apply(new ExchangePeeringSecret(AcceptorPeeringId, Establishment, StreamSecret));
        if (promoted)
        {
            _acceptor.Replicator.Apply(new PromotePeeringStreamSecret(AcceptorPeeringId, StreamSecret, null));
        }
    }

    /// <summary>The dialer's server: its established peering, marked for deletion, and what its cleanup needs.</summary>
    private sealed class Dialer
    {
        private readonly IOptions<PeeringOptions> _options = Options.Create(new PeeringOptions { Datacenter = "dc2" });
        private readonly InMemoryReplicator _replicator;

        public Dialer(string address, AcceptorServer acceptor)
        {
            Store = new StateStore();
            _replicator = new InMemoryReplicator(Store);
            Host = new PeerStreamHost(
                _replicator, Store, new ConnectCa(Store, TimeProvider.System, "dc2"), new PeeringStreamTracker(TimeProvider.System),
                _options, TimeProvider.System, NullLoggerFactory.Instance);
            _replicator.Apply(new Batch(
            [
                new WritePeering(new State.Peering.PeeringRecord
                {
                    ID = DialerPeeringId,
                    Name = "acceptor",
                    PeerID = AcceptorPeeringId,
                    PeerCAPems = [acceptor.CaPem],
                    PeerServerName = acceptor.ServerName,
                    PeerServerAddresses = [address],
                }),
                new EstablishPeering(DialerPeeringId, StreamSecret),
            ]));
            _replicator.Apply(new MarkPeeringForDeletion("acceptor", DateTimeOffset.UtcNow));
            Peering = Store.Current.GetPeeringById(DialerPeeringId)!;
        }

        public StateStore Store { get; }

        public PeerStreamHost Host { get; }

        /// <summary>The DELETING record as the cleanup sees it.</summary>
        public State.Peering.PeeringRecord Peering { get; }

        public PeerTerminator Terminator(TimeSpan budget) =>
            new(_options.Value, TimeProvider.System, NullLoggerFactory.Instance) { Budget = budget };

        public async Task RunCleanupUntilRemovedAsync(TimeSpan budget)
        {
            using var cleanup = new PeeringCleanup(
                Host, _replicator, Store, _options, TimeProvider.System, NullLoggerFactory.Instance, NullLogger<PeeringCleanup>.Instance)
            {
                TerminateBudget = budget,
            };
            await cleanup.StartAsync(Ct);
            try
            {
                await Eventually.TrueAsync(
                    () => Store.Current.GetPeeringById(DialerPeeringId) is null, Wait, "the cleanup removes the DELETING record", Ct);
            }
            finally
            {
                await cleanup.StopAsync(CancellationToken.None);
            }
        }
    }
}
