using System.Text.Json.Nodes;
using Parley.Core;
using Parley.State.Commands;
using Parley.State.Tests.Support;

namespace Parley.State.Tests.Machine;

/// <summary>
/// The acceptor's <c>ExchangePeeringSecret</c>: single use, except that the dialer retrying a timed-out attempt of the
/// same establish call (same establishment secret and exchange id) gets the same pending stream secret back while it is
/// still pending.
/// </summary>
public sealed class StateMachinePeeringSecretTests
{
    private const string PeeringId = "11111111-2222-3333-4444-555555555555";
    private const string Secret = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
    private const string FirstStream = "f1f1f1f1-0000-0000-0000-000000000001";
    private const string SecondStream = "f2f2f2f2-0000-0000-0000-000000000002";
    private const string ExchangeId = "e1e1e1e1-0000-0000-0000-000000000001";

    [Fact]
    public void ExchangePeeringSecret_FreshToken_ConsumesTheSecretAndAnswersThePendingSecret()
    {
        var fsm = WithToken(Secret);

        var result = fsm.Apply(new ExchangePeeringSecret(PeeringId, Secret, FirstStream, ExchangeId));

        Assert.Equal(FirstStream, result.Value);
        var secrets = fsm.State.GetPeeringSecrets(PeeringId)!;
        Assert.Null(secrets.EstablishmentSecret);
        Assert.Equal(FirstStream, secrets.PendingStreamSecret);
        Assert.DoesNotContain(Secret, secrets.PendingExchangeHash ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public void ExchangePeeringSecret_RepeatedWithSameSecretWhilePending_AnswersTheSamePendingSecret()
    {
        var fsm = WithToken(Secret);
        fsm.ApplyOk(new ExchangePeeringSecret(PeeringId, Secret, FirstStream, ExchangeId));

        var repeat = fsm.Apply(new ExchangePeeringSecret(PeeringId, Secret, SecondStream, ExchangeId));

        Assert.Equal(FirstStream, repeat.Value);
        Assert.Equal(FirstStream, fsm.State.GetPeeringSecrets(PeeringId)!.PendingStreamSecret);
    }

    [Fact]
    public void ExchangePeeringSecret_SameSecretFromAnotherEstablish_IsRefused()
    {
        // The token used a second time (another establish call, so another exchange id) before the stream opened.
        var fsm = WithToken(Secret);
        fsm.ApplyOk(new ExchangePeeringSecret(PeeringId, Secret, FirstStream, ExchangeId));

        var reuse = fsm.Apply(new ExchangePeeringSecret(PeeringId, Secret, SecondStream, "e2e2e2e2-0000-0000-0000-000000000002"));

        AssertRefused(reuse, "invalid establishment secret: peering was already established");
        Assert.Equal(FirstStream, fsm.State.GetPeeringSecrets(PeeringId)!.PendingStreamSecret);
    }

    [Fact]
    public void ExchangePeeringSecret_WithoutExchangeId_IsSingleUseAsInConsul()
    {
        var fsm = WithToken(Secret);
        Assert.Equal(FirstStream, fsm.Apply(new ExchangePeeringSecret(PeeringId, Secret, FirstStream)).Value);
        Assert.Null(fsm.State.GetPeeringSecrets(PeeringId)!.PendingExchangeHash);

        var repeat = fsm.Apply(new ExchangePeeringSecret(PeeringId, Secret, SecondStream));

        AssertRefused(repeat, "invalid establishment secret: peering was already established");
    }

    [Fact]
    public void ExchangePeeringSecret_RepeatedAfterTheStreamPromotedIt_IsRefused()
    {
        var fsm = WithToken(Secret);
        fsm.ApplyOk(new ExchangePeeringSecret(PeeringId, Secret, FirstStream, ExchangeId));
        fsm.ApplyOk(new PromotePeeringStreamSecret(PeeringId, FirstStream, null));

        var repeat = fsm.Apply(new ExchangePeeringSecret(PeeringId, Secret, SecondStream, ExchangeId));

        AssertRefused(repeat, "invalid establishment secret: peering was already established");
        var secrets = fsm.State.GetPeeringSecrets(PeeringId)!;
        Assert.Equal(FirstStream, secrets.ActiveStreamSecret);
        Assert.Null(secrets.PendingStreamSecret);
    }

    [Fact]
    public void ExchangePeeringSecret_RepeatedAfterTheTokenWasRegenerated_IsRefused()
    {
        var fsm = WithToken(Secret);
        fsm.ApplyOk(new ExchangePeeringSecret(PeeringId, Secret, FirstStream, ExchangeId));
        fsm.ApplyOk(new GeneratePeeringToken(new State.Peering.PeeringRecord { ID = PeeringId, Name = "dialer" }, "new-secret"));

        var repeat = fsm.Apply(new ExchangePeeringSecret(PeeringId, Secret, SecondStream, ExchangeId));

        AssertRefused(repeat, "invalid peering establishment secret");
        Assert.Equal("new-secret", fsm.State.GetPeeringSecrets(PeeringId)!.EstablishmentSecret);
    }

    [Fact]
    public void ExchangePeeringSecret_OldSecretAfterTheNewTokenWasExchanged_IsRefused()
    {
        var fsm = WithToken(Secret);
        fsm.ApplyOk(new ExchangePeeringSecret(PeeringId, Secret, FirstStream, ExchangeId));
        fsm.ApplyOk(new GeneratePeeringToken(new State.Peering.PeeringRecord { ID = PeeringId, Name = "dialer" }, "new-secret"));
        fsm.ApplyOk(new ExchangePeeringSecret(PeeringId, "new-secret", SecondStream, ExchangeId));

        var old = fsm.Apply(new ExchangePeeringSecret(PeeringId, Secret, "f3f3f3f3-0000-0000-0000-000000000003", ExchangeId));

        AssertRefused(old, "invalid establishment secret: peering was already established");
        Assert.Equal(SecondStream, fsm.State.GetPeeringSecrets(PeeringId)!.PendingStreamSecret);
    }

    [Fact]
    public void ExchangePeeringSecret_WrongSecretAfterAnExchange_IsRefusedAndDoesNotLearnThePendingSecret()
    {
        var fsm = WithToken(Secret);
        fsm.ApplyOk(new ExchangePeeringSecret(PeeringId, Secret, FirstStream, ExchangeId));

        var wrong = fsm.Apply(new ExchangePeeringSecret(PeeringId, "bbbbbbbb-bbbb-cccc-dddd-eeeeeeeeeeee", SecondStream, ExchangeId));

        AssertRefused(wrong, "invalid establishment secret: peering was already established");
        Assert.Equal(FirstStream, fsm.State.GetPeeringSecrets(PeeringId)!.PendingStreamSecret);
    }

    [Fact]
    public void ExchangePeeringSecret_WrongSecretBeforeAnyExchange_IsRefused()
    {
        var fsm = WithToken(Secret);

        var wrong = fsm.Apply(new ExchangePeeringSecret(PeeringId, "bbbbbbbb-bbbb-cccc-dddd-eeeeeeeeeeee", FirstStream, ExchangeId));

        AssertRefused(wrong, "invalid peering establishment secret");
        Assert.Equal(Secret, fsm.State.GetPeeringSecrets(PeeringId)!.EstablishmentSecret);
    }

    [Fact]
    public async Task ExchangePeeringSecret_RepeatedAfterSnapshotRestore_AnswersTheSamePendingSecret()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var original = WithToken(Secret);
        original.ApplyOk(new ExchangePeeringSecret(PeeringId, Secret, FirstStream, ExchangeId));
        var restored = new Fsm();
        using (var stream = new MemoryStream())
        {
            await original.Machine.WriteSnapshotAsync(stream, cancellationToken);
            stream.Position = 0;
            await restored.Machine.RestoreSnapshotAsync(stream, cancellationToken);
        }

        var repeat = restored.ApplyAt(original.LastIndex + 1, new ExchangePeeringSecret(PeeringId, Secret, SecondStream, ExchangeId));

        Assert.Equal(FirstStream, repeat.Value);
    }

    [Fact]
    public async Task RestoreSnapshotAsync_SnapshotWithoutTheExchangeHash_IsReadAndTheRepeatIsRefused()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var original = WithToken(Secret);
        original.ApplyOk(new ExchangePeeringSecret(PeeringId, Secret, FirstStream, ExchangeId));
        JsonNode document;
        using (var written = new MemoryStream())
        {
            await original.Machine.WriteSnapshotAsync(written, cancellationToken);
            document = JsonNode.Parse(written.ToArray())!;
        }

        // What a snapshot written before the hash was kept looks like: the secrets row without the field.
        var row = document["PeeringSecrets"]!.AsArray().Single()!.AsObject();
        Assert.True(row.Remove("PendingExchangeHash"));
        var restored = new Fsm();
        using (var old = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(document.ToJsonString())))
        {
            await restored.Machine.RestoreSnapshotAsync(old, cancellationToken);
        }

        Assert.Equal(FirstStream, restored.State.GetPeeringSecrets(PeeringId)!.PendingStreamSecret);
        var repeat = restored.ApplyAt(original.LastIndex + 1, new ExchangePeeringSecret(PeeringId, Secret, SecondStream, ExchangeId));
        AssertRefused(repeat, "invalid establishment secret: peering was already established");
    }

    private static Fsm WithToken(string secret)
    {
        var fsm = new Fsm();
        fsm.ApplyOk(new GeneratePeeringToken(new State.Peering.PeeringRecord { ID = PeeringId, Name = "dialer" }, secret));
        return fsm;
    }

    private static void AssertRefused(CommandResult result, string message)
    {
        var e = Assert.IsType<ParleyException>(result.Value);
        Assert.Equal(ErrorCode.PermissionDenied, e.Code);
        Assert.Equal(message, e.Message);
    }
}
