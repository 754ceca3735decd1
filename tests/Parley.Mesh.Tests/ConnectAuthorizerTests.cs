using Parley.Core.ConfigEntries;

namespace Parley.Mesh.Tests;

public sealed class ConnectAuthorizerTests
{
    private const string Local = "11111111-1111-1111-1111-111111111111.consul";
    private const string Peer = "22222222-2222-2222-2222-222222222222.consul";

    private static readonly (string, string)[] Bundles = [("cluster-02", Peer)];

    [Theory]
    [InlineData("", "spiffe://" + Local + "/ns/default/dc/dc1/svc/web", "Target service must be specified")]
    [InlineData("db", "not a uri", "ClientCertURI not a valid Connect identifier")]
    [InlineData("db", "spiffe://" + Local + "/agent/client/dc/dc1/id/n1", "ClientCertURI not a valid Service identifier")]
    [InlineData("db", "spiffe://" + Local + "/ap/p1/ns/default/dc/dc1/svc/web", "Mismatched partitions: \"p1\" != \"default\"")]
    public void Authorize_BadRequest_GivesConsulsText(string target, string uri, string error)
    {
        var result = ConnectAuthorizer.Authorize(target, uri, Local, Bundles, [], defaultAllow: true);

        Assert.Equal(error, result.Error);
    }

    [Fact]
    public void Authorize_LocalCallerDeniedByIntention_IsRefused()
    {
        var result = ConnectAuthorizer.Authorize("db", $"spiffe://{Local}/ns/default/dc/dc1/svc/web", Local, Bundles,
            [Intentions("db", ("web", "", "deny"))], defaultAllow: true);

        Assert.Null(result.Error);
        Assert.False(result.Authorized);
        Assert.StartsWith("Matched L4 intention:", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Authorize_PeerCaller_MatchesOnlyThePeersIntention()
    {
        // Local web is denied, the peer's web is allowed: the trust domain decides which intention applies.
        var entries = new[] { Intentions("db", ("web", "", "deny"), ("web", "cluster-02", "allow")) };

        var fromPeer = ConnectAuthorizer.Authorize(
            "db",
            $"spiffe://{Peer}/ns/default/dc/dc9/svc/web",
            Local,
            Bundles,
            entries,
            defaultAllow: false);
        var local = ConnectAuthorizer.Authorize(
            "db",
            $"spiffe://{Local}/ns/default/dc/dc1/svc/web",
            Local,
            Bundles,
            entries,
            defaultAllow: false);

        Assert.True(fromPeer.Authorized, fromPeer.Reason);
        Assert.Contains("peer cluster-02", fromPeer.Reason, StringComparison.Ordinal);
        Assert.False(local.Authorized);
    }

    [Fact]
    public void Authorize_UnknownTrustDomain_IsRefusedWithAReason()
    {
        var result = ConnectAuthorizer.Authorize(
            "db",
            "spiffe://33333333-3333-3333-3333-333333333333.consul/ns/default/dc/dc1/svc/web",
            Local,
            Bundles,
            [],
            defaultAllow: true);

        Assert.Null(result.Error);
        Assert.False(result.Authorized);
        Assert.Equal(
            $"Client certificate trust domain 33333333-3333-3333-3333-333333333333.consul is neither this cluster's ({Local}) nor one of " +
                $"a peer's trust bundles",
            result.Reason);
    }

    [Fact]
    public void Authorize_MeshGatewayIdentity_IsNeverASource()
    {
        var result = ConnectAuthorizer.Authorize("db", $"spiffe://{Local}/gateway/mesh/dc/dc1", Local, Bundles, [], defaultAllow: true);

        Assert.Null(result.Error);
        Assert.False(result.Authorized);
        Assert.Contains("a gateway is never an intention source", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Authorize_NoIntention_UsesTheDefault()
    {
        var result = ConnectAuthorizer.Authorize(
            "db",
            $"spiffe://{Local}/ns/default/dc/dc1/svc/web",
            Local,
            Bundles,
            [],
            defaultAllow: true);

        Assert.True(result.Authorized);
        Assert.StartsWith("Default behavior configured by ACLs", result.Reason, StringComparison.Ordinal);
    }

    private static ServiceIntentionsConfigEntry Intentions(string destination, params (string Name, string Peer, string Action)[] sources)
        => new()
        {
            Name = destination,
            Sources = [.. sources.Select(s => new SourceIntention
        {
            Name = s.Name,
            Namespace = "default",
            Peer = s.Peer,
            Action = s.Action,
            Precedence = 9,
        })],
        };
}
