using Parley.Core.Peering;
using Parley.State.Commands;
using Parley.State.Tests.Support;

namespace Parley.State.Tests.Machine;

/// <summary>
/// Marking a peering for deletion: a dialer keeps what it needs to tell the acceptor <c>Terminated</c> (the acceptor's ID,
/// CA, server name and active stream secret) until the record is removed; nothing else keeps a secret.
/// </summary>
public sealed class StateMachinePeeringDeletionTests
{
    private const string PeeringId = "11111111-2222-3333-4444-555555555555";
    private const string AcceptorId = "99999999-8888-7777-6666-555555555555";
    private const string StreamSecret = "f1f1f1f1-0000-0000-0000-000000000001";
    private const string Name = "acceptor";
    private static readonly DateTimeOffset DeletedAt = new(2026, 11, 26, 14, 0, 0, TimeSpan.Zero);

    [Fact]
    public void MarkPeeringForDeletion_EstablishedDialer_KeepsActiveSecretAndWhatDialingNeeds()
    {
        var fsm = EstablishedDialer();

        fsm.ApplyOk(new MarkPeeringForDeletion(Name, DeletedAt));

        var peering = fsm.State.GetPeeringById(PeeringId)!;
        Assert.Equal(PeeringState.Deleting, peering.State);
        Assert.False(peering.IsActive);
        Assert.Equal(AcceptorId, peering.PeerID);
        Assert.Equal(["ca-pem"], peering.PeerCAPems);
        Assert.Equal("server.dc1.peering.example", peering.PeerServerName);
        Assert.Equal(["10.0.0.1:8503"], peering.DialAddresses);
        Assert.Empty(peering.Meta);
        var secrets = fsm.State.GetPeeringSecrets(PeeringId)!;
        Assert.Equal(StreamSecret, secrets.ActiveStreamSecret);
        Assert.Null(secrets.PendingStreamSecret);
        Assert.Null(secrets.EstablishmentSecret);
    }

    [Fact]
    public void DeletePeering_AfterMark_RemovesTheKeptSecretWithTheRecord()
    {
        var fsm = EstablishedDialer();
        fsm.ApplyOk(new MarkPeeringForDeletion(Name, DeletedAt));

        fsm.ApplyOk(new DeletePeering(PeeringId));

        Assert.Null(fsm.State.GetPeeringById(PeeringId));
        Assert.Null(fsm.State.GetPeeringSecrets(PeeringId));
    }

    [Fact]
    public async Task MarkPeeringForDeletion_KeptSecret_SurvivesASnapshotRoundTrip()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var fsm = EstablishedDialer();
        fsm.ApplyOk(new MarkPeeringForDeletion(Name, DeletedAt));
        var restored = new Fsm();
        using var stream = new MemoryStream();
        await fsm.Machine.WriteSnapshotAsync(stream, cancellationToken);
        stream.Position = 0;

        await restored.Machine.RestoreSnapshotAsync(stream, cancellationToken);

        Assert.Equal(StreamSecret, restored.State.GetPeeringSecrets(PeeringId)?.ActiveStreamSecret);
        Assert.Equal(AcceptorId, restored.State.GetPeeringById(PeeringId)?.PeerID);
    }

    [Fact]
    public void MarkPeeringForDeletion_Acceptor_DropsEverySecret()
    {
        var fsm = new Fsm();
        fsm.ApplyOk(new GeneratePeeringToken(new State.Peering.PeeringRecord { ID = PeeringId, Name = "dialer" }, "establishment"));
        fsm.ApplyOk(new ExchangePeeringSecret(PeeringId, "establishment", StreamSecret));
        fsm.ApplyOk(new PromotePeeringStreamSecret(PeeringId, StreamSecret, null));
        Assert.Equal(StreamSecret, fsm.State.GetPeeringSecrets(PeeringId)?.ActiveStreamSecret);

        fsm.ApplyOk(new MarkPeeringForDeletion("dialer", DeletedAt));

        Assert.Equal(PeeringState.Deleting, fsm.State.GetPeeringById(PeeringId)!.State);
        Assert.Null(fsm.State.GetPeeringSecrets(PeeringId));
    }

    [Fact]
    public void MarkPeeringForDeletion_TerminatedDialer_HasNoSecretToKeep()
    {
        var fsm = EstablishedDialer();
        fsm.ApplyOk(new TerminatePeering(PeeringId));
        Assert.Null(fsm.State.GetPeeringSecrets(PeeringId));

        fsm.ApplyOk(new MarkPeeringForDeletion(Name, DeletedAt));

        var peering = fsm.State.GetPeeringById(PeeringId)!;
        Assert.Equal(PeeringState.Deleting, peering.State);
        Assert.Null(fsm.State.GetPeeringSecrets(PeeringId));
        Assert.Equal("", peering.PeerID);
        Assert.Empty(peering.PeerCAPems);
    }

    [Fact]
    public void MarkPeeringForDeletion_DialerNeverEstablished_KeepsNothing()
    {
        var fsm = new Fsm();
        fsm.ApplyOk(new WritePeering(Dialer()));

        fsm.ApplyOk(new MarkPeeringForDeletion(Name, DeletedAt));

        Assert.Null(fsm.State.GetPeeringSecrets(PeeringId));
        Assert.Equal("", fsm.State.GetPeeringById(PeeringId)!.PeerID);
    }

    [Fact]
    public void TerminatePeering_OnDeletingDialer_StaysDeletingAndDropsTheKeptSecret()
    {
        var fsm = EstablishedDialer();
        fsm.ApplyOk(new MarkPeeringForDeletion(Name, DeletedAt));

        fsm.ApplyOk(new TerminatePeering(PeeringId));

        Assert.Equal(PeeringState.Deleting, fsm.State.GetPeeringById(PeeringId)!.State);
        Assert.Null(fsm.State.GetPeeringSecrets(PeeringId));
    }

    [Fact]
    public void EstablishPeering_OnDeletingDialer_IsRejectedAndKeepsTheRecordDeleting()
    {
        var fsm = EstablishedDialer();
        fsm.ApplyOk(new MarkPeeringForDeletion(Name, DeletedAt));

        var result = fsm.Apply(new EstablishPeering(PeeringId, "another-secret"));

        Assert.IsAssignableFrom<Exception>(result.Value);
        Assert.Equal(PeeringState.Deleting, fsm.State.GetPeeringById(PeeringId)!.State);
        Assert.Equal(StreamSecret, fsm.State.GetPeeringSecrets(PeeringId)?.ActiveStreamSecret);
    }

    private static State.Peering.PeeringRecord Dialer() => new()
    {
        ID = PeeringId,
        Name = Name,
        Meta = new Dictionary<string, string> { ["env"] = "test" },
        PeerID = AcceptorId,
        PeerCAPems = ["ca-pem"],
        PeerServerName = "server.dc1.peering.example",
        PeerServerAddresses = ["10.0.0.1:8503"],
    };

    private static Fsm EstablishedDialer()
    {
        var fsm = new Fsm();
        fsm.ApplyOk(new Batch([new WritePeering(Dialer()), new EstablishPeering(PeeringId, StreamSecret)]));
        return fsm;
    }
}
