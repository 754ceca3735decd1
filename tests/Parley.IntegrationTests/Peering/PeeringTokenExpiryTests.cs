using Parley.Client;

namespace Parley.IntegrationTests.Peering;

/// <summary>
/// Expiring tokens and revoked tokens, end to end on two real clusters: what <c>/v1/peerings</c> shows for an outstanding
/// token, the acceptor's refusal of an expired one, regeneration, and deletion of a PENDING peering.
/// </summary>
[Collection(ClusterPairCollection.Name)]
public sealed class PeeringTokenExpiryTests(ClusterPairFixture clusters)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ExpiredToken_IsRefusedNamingItsExpiry_KeptAsExpired_AndARegeneratedOneEstablishes()
    {
        var (acceptor, dialer) = (clusters.First, clusters.Second);
        var token = (await acceptor.Client.Peerings.GenerateTokenAsync(
            new PeeringGenerateTokenRequest { PeerName = "exp-dialer", ExpiresIn = "2s" }, cancellationToken: Ct)).PeeringToken;

        var pending = (await acceptor.PeeringAsync("exp-dialer", Ct))!;
        Assert.NotNull(pending.TokenIssuedAt);
        Assert.NotNull(pending.TokenExpiresAt);
        // Expiry is cut to whole seconds so that what the token says is what the acceptor enforces.
        Assert.InRange(pending.TokenExpiresAt!.Value - pending.TokenIssuedAt!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));

        // Past its expiry the peering reads EXPIRED, in the list too, and stays for the user to see.
        await PeeringSteps.WaitForStateAsync(acceptor, "exp-dialer", PeeringState.Expired);
        var listed = (await acceptor.Client.Peerings.ListAsync(cancellationToken: Ct)).Value.Single(p => p.Name == "exp-dialer");
        Assert.Equal(PeeringState.Expired, listed.State);
        Assert.Equal(pending.TokenExpiresAt, listed.TokenExpiresAt);

        var refused = await Assert.ThrowsAsync<ParleyApiException>(() => dialer.Client.Peerings.EstablishAsync(
            new PeeringEstablishRequest { PeerName = "exp-acceptor", PeeringToken = token }, cancellationToken: Ct));
        Assert.Contains(
            "a new peering token must be generated: peering token expired at " + pending.TokenExpiresAt.Value.ToString(
                "yyyy-MM-dd'T'HH:mm:ss'Z'",
                System.Globalization.CultureInfo.InvariantCulture),
            refused.Body,
            StringComparison.Ordinal);
        Assert.Equal(PeeringState.Expired, await acceptor.StateAsync("exp-dialer", Ct));

        // A new token (no expiry asked, none configured) makes it PENDING again and is accepted.
        var fresh = (await acceptor.Client.Peerings.GenerateTokenAsync(
            new PeeringGenerateTokenRequest { PeerName = "exp-dialer" }, cancellationToken: Ct)).PeeringToken;
        var regenerated = (await acceptor.PeeringAsync("exp-dialer", Ct))!;
        Assert.Equal(PeeringState.Pending, regenerated.State);
        Assert.Equal(pending.ID, regenerated.ID);
        Assert.Null(regenerated.TokenExpiresAt);
        await dialer.Client.Peerings.EstablishAsync(
            new PeeringEstablishRequest { PeerName = "exp-acceptor", PeeringToken = fresh }, cancellationToken: Ct);
        await PeeringSteps.WaitForStateAsync(acceptor, "exp-dialer", PeeringState.Active);

        // Once used, the token's times are no longer shown.
        var active = (await acceptor.PeeringAsync("exp-dialer", Ct))!;
        Assert.Null(active.TokenIssuedAt);

        await dialer.Client.Peerings.DeleteAsync("exp-acceptor", cancellationToken: Ct);
        await PeeringSteps.WaitForGoneAsync(dialer, "exp-acceptor");
        await acceptor.Client.Peerings.DeleteAsync("exp-dialer", cancellationToken: Ct);
        await PeeringSteps.WaitForGoneAsync(acceptor, "exp-dialer");
    }

    [Fact]
    public async Task DeletingAPendingPeering_RevokesItsToken()
    {
        var (acceptor, dialer) = (clusters.First, clusters.Second);
        var token = await PeeringSteps.GenerateTokenAsync(acceptor, "revoked-dialer");

        await acceptor.Client.Peerings.DeleteAsync("revoked-dialer", cancellationToken: Ct);
        await PeeringSteps.WaitForGoneAsync(acceptor, "revoked-dialer");

        var refused = await Assert.ThrowsAsync<ParleyApiException>(() => dialer.Client.Peerings.EstablishAsync(
            new PeeringEstablishRequest { PeerName = "revoked-acceptor", PeeringToken = token }, cancellationToken: Ct));
        Assert.Contains(
            "a new peering token must be generated: invalid peering establishment secret",
            refused.Body,
            StringComparison.Ordinal);
        Assert.Null(await dialer.PeeringAsync("revoked-acceptor", Ct));
        Assert.Null(await acceptor.PeeringAsync("revoked-dialer", Ct));
    }

    [Fact]
    public async Task GenerateToken_InvalidExpiresIn_Is400AndWritesNothing()
    {
        var acceptor = clusters.First;

        var bad = await Assert.ThrowsAsync<ParleyApiException>(() => acceptor.Client.Peerings.GenerateTokenAsync(
            new PeeringGenerateTokenRequest { PeerName = "bad-ttl", ExpiresIn = "soon" }, cancellationToken: Ct));
        var negative = await Assert.ThrowsAsync<ParleyApiException>(() => acceptor.Client.Peerings.GenerateTokenAsync(
            new PeeringGenerateTokenRequest { PeerName = "bad-ttl", ExpiresIn = "-1h" }, cancellationToken: Ct));

        Assert.Equal(400, (int)bad.StatusCode);
        Assert.Equal("ExpiresIn: time: invalid duration \"soon\"", bad.Body);
        Assert.Equal(400, (int)negative.StatusCode);
        Assert.Equal("ExpiresIn must be greater than zero, got \"-1h\"", negative.Body);
        Assert.Null(await acceptor.PeeringAsync("bad-ttl", Ct));
    }
}
