using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Parley.Client;
using Parley.IntegrationTests.Peering;
using Parley.Testing;

namespace Parley.IntegrationTests.Mesh;

/// <summary>
/// What a sidecar learns about peers: their trust bundles (all, or those of the peers a service is exported to), and
/// whether a caller under a trust domain may connect (<c>/v1/agent/connect/authorize</c>, peer-aware).
/// </summary>
[Collection(MeshClustersCollection.Name)]
public sealed class PeerIdentityApiTests(MeshClustersFixture clusters)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PeerTrustBundles_ListEachPeersTrustDomainAndRoots()
    {
        var b = (await clusters.B.Client.Agent.ConnectCaRootsAsync(cancellationToken: Ct)).Value;
        var c = (await clusters.C.Client.Agent.ConnectCaRootsAsync(cancellationToken: Ct)).Value;

        var bundles = await WaitForBundlesAsync(clusters.A, null, 2);

        Assert.Equal(["cluster-b", "cluster-c"], bundles.Select(x => x.PeerName));
        Assert.Equal(b.TrustDomain, bundles[0].TrustDomain);
        Assert.Equal(b.Roots.Select(r => r.RootCertPEM), bundles[0].RootPEMs);
        Assert.Equal(c.TrustDomain, bundles[1].TrustDomain);
        Assert.All(bundles, x => Assert.True(x.ModifyIndex >= x.CreateIndex && x.CreateIndex > 0));

        // The dialer side holds the acceptor's bundle too.
        var onB = Assert.Single(await WaitForBundlesAsync(clusters.B, null, 1));
        Assert.Equal("cluster-a", onB.PeerName);
        Assert.Equal((await clusters.A.Client.Agent.ConnectCaRootsAsync(cancellationToken: Ct)).Value.TrustDomain, onB.TrustDomain);
    }

    [Fact]
    public async Task PeerTrustBundles_ForAService_OnlyThePeersItIsExportedTo()
    {
        await clusters.A.RegisterAsync("bundle-node", "bundle-api", "bundle-api-1", HealthStatus.Passing, Ct);
        await clusters.A.RegisterAsync("bundle-node", "bundle-web", "bundle-web-1", HealthStatus.Passing, Ct);
        await clusters.A.ExportAsync([("bundle-web", ["cluster-b"]), ("*", ["cluster-c"])], Ct);
        await WaitForBundlesAsync(clusters.A, null, 2);

        var web = (await clusters.A.Client.Agent.PeerTrustBundlesAsync("bundle-web", cancellationToken: Ct)).Value;
        var api = (await clusters.A.Client.Agent.PeerTrustBundlesAsync("bundle-api", cancellationToken: Ct)).Value;
        var unknown = (await clusters.A.Client.Agent.PeerTrustBundlesAsync("not-exported-anywhere", cancellationToken: Ct)).Value;

        Assert.Equal(["cluster-b", "cluster-c"], web.Select(x => x.PeerName)); // by name to b, by * to c
        Assert.Equal(["cluster-c"], api.Select(x => x.PeerName));
        Assert.Empty(unknown);

        // Changing the export wakes a blocked reader and changes the answer.
        var (_, meta) = await clusters.A.Client.Agent.PeerTrustBundlesAsync("bundle-api", cancellationToken: Ct);
        var blocked = clusters.A.Client.Agent.PeerTrustBundlesAsync(
            "bundle-api", new QueryOptions { Index = meta.LastIndex, Wait = TimeSpan.FromSeconds(30) }, Ct);
        await clusters.A.ExportAsync([("bundle-web", ["cluster-b"]), ("bundle-api", ["cluster-b"])], Ct);
        var (after, afterMeta) = await blocked.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        Assert.True(afterMeta.LastIndex > meta.LastIndex);
        Assert.Equal(["cluster-b"], after.Select(x => x.PeerName));
    }

    [Fact]
    public async Task Authorize_JudgesLocalAndPeerCallersByTheirTrustDomain()
    {
        var localTd = (await clusters.A.Client.Agent.ConnectCaRootsAsync(cancellationToken: Ct)).Value.TrustDomain;
        var peerTd = (await clusters.B.Client.Agent.ConnectCaRootsAsync(cancellationToken: Ct)).Value.TrustDomain;
        await WaitForBundlesAsync(clusters.A, null, 2);
        await clusters.A.Client.ConfigEntries.SetAsync(new JsonObject
        {
            ["Kind"] = "service-intentions",
            ["Name"] = "authz-db",
            ["Sources"] = new JsonArray(
                new JsonObject { ["Name"] = "authz-web", ["Peer"] = "cluster-b", ["Action"] = "allow" },
                new JsonObject { ["Name"] = "authz-web", ["Action"] = "deny" }),
        }, cancellationToken: Ct);

        var local = await AuthorizeAsync("authz-db", $"spiffe://{localTd}/ns/default/dc/dc1/svc/authz-web");
        var fromPeer = await AuthorizeAsync("authz-db", $"spiffe://{peerTd}/ns/default/dc/dc2/svc/authz-web");
        var stranger = await AuthorizeAsync(
            "authz-db",
            "spiffe://99999999-9999-9999-9999-999999999999.consul/ns/default/dc/dc1/svc/authz-web");
        var gateway = await AuthorizeAsync("authz-db", $"spiffe://{localTd}/gateway/mesh/dc/dc1");
        var unmatched = await AuthorizeAsync("authz-db", $"spiffe://{localTd}/ns/default/dc/dc1/svc/other");

        Assert.False(local.Authorized);
        Assert.StartsWith("Matched L4 intention: DENY default/authz-web", local.Reason, StringComparison.Ordinal);
        Assert.True(fromPeer.Authorized, fromPeer.Reason);
        Assert.StartsWith("Matched L4 intention: ALLOW peer cluster-b default/authz-web", fromPeer.Reason, StringComparison.Ordinal);
        Assert.False(stranger.Authorized);
        Assert.Contains("99999999-9999-9999-9999-999999999999.consul is neither this cluster's", stranger.Reason, StringComparison.Ordinal);
        Assert.False(gateway.Authorized);
        Assert.Contains("never an intention source", gateway.Reason, StringComparison.Ordinal);
        Assert.True(unmatched.Authorized);
        Assert.StartsWith("Default behavior configured by ACLs", unmatched.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"ClientCertURI\":\"spiffe://x.consul/ns/default/dc/dc1/svc/web\"}", "Target service must be specified")]
    [InlineData("{\"Target\":\"db\",\"ClientCertURI\":\"nope\"}", "ClientCertURI not a valid Connect identifier")]
    [InlineData("{\"Target\":\"db\",\"ClientCertURI\":\"spiffe://x.consul/agent/server/dc/dc1\"}",
        "ClientCertURI not a valid Service identifier")]
    public async Task Authorize_BadRequests_AnswerConsuls400(string body, string text)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await clusters.A.Agent.Http.PostAsync("/v1/agent/connect/authorize", content, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(text, await response.Content.ReadAsStringAsync(Ct));
    }

    private Task<AgentAuthorize> AuthorizeAsync(string target, string uri) =>
        clusters.A.Client.Agent.ConnectAuthorizeAsync(
            new AgentAuthorizeParams { Target = target, ClientCertURI = uri, ClientCertSerial = "01:02" },
            Ct);

    private static async Task<IReadOnlyList<PeeringTrustBundle>> WaitForBundlesAsync(PeeringCluster cluster, string? service, int count)
    {
        IReadOnlyList<PeeringTrustBundle> bundles = [];
        await Eventually.TrueAsync(
            async () =>
            {
                bundles = (await cluster.Client.Agent.PeerTrustBundlesAsync(service, cancellationToken: Ct)).Value;
                return (bundles.Count == count, string.Join(",", bundles.Select(b => b.PeerName)));
            },
            Eventually.DefaultTimeout,
            $"{count} peer trust bundles are stored", Ct);
        return bundles;
    }
}
