using Parley.Core;
using Parley.State.Commands;
using Parley.State.Tests.Support;

namespace Parley.State.Tests.Machine;

/// <summary>
/// Expiring tokens (a Parley addition): the acceptor refuses an exchange at or after the stored expiry with a text naming
/// it, accepts it before, and a regenerated token starts a new lifetime.
/// </summary>
public sealed class StateMachinePeeringTokenExpiryTests
{
    private const string PeeringId = "11111111-2222-3333-4444-555555555555";
    private const string Secret = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
    private const string Stream = "f1f1f1f1-0000-0000-0000-000000000001";
    private static readonly DateTimeOffset Issued = new(2026, 12, 7, 14, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Expires = Issued.AddHours(1);

    [Fact]
    public void ExchangePeeringSecret_BeforeTheExpiry_IsAcceptedAndClearsTheTokenTimes()
    {
        var fsm = WithToken(Secret, Expires);

        var result = fsm.Apply(new ExchangePeeringSecret(PeeringId, Secret, Stream, Now: Expires.AddSeconds(-1)));

        Assert.Equal(Stream, result.Value);
        var secrets = fsm.State.GetPeeringSecrets(PeeringId)!;
        Assert.Null(secrets.EstablishmentIssuedAt);
        Assert.Null(secrets.EstablishmentExpiresAt);
    }

    [Fact]
    public void ExchangePeeringSecret_AtTheExpiry_IsRefusedNamingItAndKeepsTheToken()
    {
        var fsm = WithToken(Secret, Expires);

        var result = fsm.Apply(new ExchangePeeringSecret(PeeringId, Secret, Stream, Now: Expires));

        var e = Assert.IsType<ParleyException>(result.Value);
        Assert.Equal(ErrorCode.PermissionDenied, e.Code);
        Assert.Equal("peering token expired at 2026-12-07T15:00:00Z", e.Message);
        var secrets = fsm.State.GetPeeringSecrets(PeeringId)!;
        Assert.Equal(Secret, secrets.EstablishmentSecret);
        Assert.Equal(Issued, secrets.EstablishmentIssuedAt);
        Assert.Null(secrets.PendingStreamSecret);
    }

    [Fact]
    public void ExchangePeeringSecret_WrongSecretForAnExpiredToken_SaysOnlyThatTheSecretIsInvalid()
    {
        var fsm = WithToken(Secret, Expires);

        var result = fsm.Apply(
            new ExchangePeeringSecret(PeeringId, "bbbbbbbb-bbbb-cccc-dddd-eeeeeeeeeeee", Stream, Now: Expires.AddDays(1)));

        Assert.Equal("invalid peering establishment secret", Assert.IsType<ParleyException>(result.Value).Message);
    }

    [Fact]
    public void GeneratePeeringToken_AfterExpiry_GivesTheNewTokenItsOwnLifetime()
    {
        var fsm = WithToken(Secret, Expires);
        var later = Expires.AddHours(2);
        fsm.ApplyOk(new GeneratePeeringToken(new Peering.PeeringRecord
        {
            ID = PeeringId,
            Name = "dialer",
        }, "new-secret", later, later.AddHours(1)));

        var result = fsm.Apply(new ExchangePeeringSecret(PeeringId, "new-secret", Stream, Now: later.AddMinutes(5)));

        Assert.Equal(Stream, result.Value);
    }

    [Fact]
    public void ExchangePeeringSecret_TokenWithoutExpiry_IsAcceptedWhenever()
    {
        var fsm = WithToken(Secret, null);

        var result = fsm.Apply(new ExchangePeeringSecret(PeeringId, Secret, Stream, Now: Issued.AddYears(10)));

        Assert.Equal(Stream, result.Value);
    }

    private static Fsm WithToken(string secret, DateTimeOffset? expiresAt)
    {
        var fsm = new Fsm();
        fsm.ApplyOk(new GeneratePeeringToken(new Peering.PeeringRecord { ID = PeeringId, Name = "dialer" }, secret, Issued, expiresAt));
        return fsm;
    }
}
