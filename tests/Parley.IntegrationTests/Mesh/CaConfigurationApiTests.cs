using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Parley.Client;
using Parley.Testing;

namespace Parley.IntegrationTests.Mesh;

/// <summary>
/// The CA configuration and a root rotation on real clusters: refused changes leave everything as it was; a new key
/// type rotates with cross-signing, blocked leaf requests wake with a leaf of the new root that a peer knowing only the
/// old root still accepts, and the peer receives both roots.
/// </summary>
[Collection(MeshClustersCollection.Name)]
public sealed class CaConfigurationApiTests(MeshClustersFixture clusters)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_ShowsConsulsDefaultsAndIndexes()
    {
        var (config, meta) = await clusters.A.Client.Connect.CaGetConfigAsync(cancellationToken: Ct);

        Assert.Equal("consul", config.Provider);
        Assert.Equal("72h", config.Config["LeafCertTTL"]!.GetValue<string>());
        Assert.Equal("8760h", config.Config["IntermediateCertTTL"]!.GetValue<string>());
        Assert.Equal("87600h", config.Config["RootCertTTL"]!.GetValue<string>());
        Assert.Null(config.State);
        Assert.False(config.ForceWithoutCrossSigning);
        Assert.True(config.CreateIndex > 0);
        Assert.True(meta.LastIndex >= config.ModifyIndex);
    }

    [Theory]
    [InlineData("""{"Provider":"consul","Config":{"LeafCertTTL":"10m"}}""", 500,
        "error configuring provider: leaf cert TTL must be greater or equal than 1h0m0s")]
    [InlineData("""{"Provider":"consul","Config":{"PrivateKeyType":"rsa","PrivateKeyBits":1024}}""", 500,
        "error configuring provider: RSA key length must be 2048 or 4096 bits")]
    [InlineData("""{"Provider":"vault","Config":{"Address":"http://vault"}}""", 500,
        "could not initialize provider: unknown CA provider \"vault\" (Parley has only \"consul\")")]
    [InlineData("""{"Provider":"consul","Config":{"LeafCertTTL":"24h"},"State":{"ID":"x"}}""", 400,
        "Provider State is read-only. It must be omitted or identical to the current value")]
    [InlineData("""{"Provider":"consul","Config":""", 400, null)]
    public async Task Put_Refused_LeavesConfigAndRootsUnchanged(string body, int status, string? text)
    {
        var client = clusters.B.Client;
        var (before, _) = await client.Connect.CaGetConfigAsync(cancellationToken: Ct);
        var rootsBefore = (await client.Connect.CaRootsAsync(cancellationToken: Ct)).Value;

        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await clusters.B.Agent.Http.PutAsync("/v1/connect/ca/configuration", content, Ct);

        Assert.Equal((HttpStatusCode)status, response.StatusCode);
        var answer = await response.Content.ReadAsStringAsync(Ct);
        if (text is null)
        {
            Assert.StartsWith("Request decode failed: ", answer, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(text, answer);
        }

        var (after, _) = await client.Connect.CaGetConfigAsync(cancellationToken: Ct);
        Assert.Equal(before.ModifyIndex, after.ModifyIndex);
        Assert.Equal(before.Config.ToJsonString(), after.Config.ToJsonString());
        Assert.Equal(rootsBefore.Roots.Select(r => (r.ID, r.Active)),
            (await client.Connect.CaRootsAsync(cancellationToken: Ct)).Value.Roots.Select(r => (r.ID, r.Active)));
    }

    [Fact]
    public async Task Put_KeyTypeChange_RotatesAndBlockedLeafWakesWithALeafThePeerStillTrusts()
    {
        var (c, a) = (clusters.C, clusters.A);
        var oldRoots = (await c.Client.Connect.CaRootsAsync(cancellationToken: Ct)).Value;
        var oldRoot = oldRoots.Roots.Single(r => r.Active);
        var (first, meta) = await c.Client.Agent.ConnectCaLeafAsync("rotating", cancellationToken: Ct);
        var blocked = c.Client.Agent.ConnectCaLeafAsync(
            "rotating",
            new QueryOptions { Index = meta.LastIndex, Wait = TimeSpan.FromMinutes(2) },
            Ct);

        var (config, _) = await c.Client.Connect.CaGetConfigAsync(cancellationToken: Ct);
        config.Config["PrivateKeyType"] = "rsa";
        config.Config["PrivateKeyBits"] = 2048;
        await c.Client.Connect.CaSetConfigAsync(config, cancellationToken: Ct);

        // The roots list both, the new one active and carrying the cross-signed certificate first.
        var roots = (await c.Client.Connect.CaRootsAsync(cancellationToken: Ct)).Value;
        Assert.Equal(2, roots.Roots.Count);
        var newRoot = roots.Roots.Single(r => r.Active);
        Assert.Equal(newRoot.ID, roots.ActiveRootID);
        Assert.Equal(oldRoots.TrustDomain, roots.TrustDomain);
        Assert.Equal(("rsa", 2048), (newRoot.PrivateKeyType, newRoot.PrivateKeyBits));
        Assert.False(roots.Roots.Single(r => r.ID == oldRoot.ID).Active);
        var crossSigned = newRoot.IntermediateCerts![0];
        Assert.Null(roots.Roots.Single(r => r.ID == oldRoot.ID).IntermediateCerts);

        // The blocked leaf request returns with a leaf of the new root; its CertPEM carries the cross-signed root.
        var (renewed, renewedMeta) = await blocked.WaitAsync(TimeSpan.FromSeconds(60), Ct);
        Assert.True(renewedMeta.LastIndex > meta.LastIndex);
        Assert.NotEqual(first.SerialNumber, renewed.SerialNumber);
        using var leaf = X509Certificate2.CreateFromPem(renewed.CertPEM);
        Assert.Equal([crossSigned], MeshCertificates.Intermediates(renewed.CertPEM));
        Assert.True(MeshCertificates.Chains(leaf, [newRoot.RootCertPEM], []), "chains to the new root");
        Assert.True(MeshCertificates.Chains(leaf, [oldRoot.RootCertPEM], MeshCertificates.Intermediates(renewed.CertPEM)),
            "chains to the old root through the cross-signed certificate");
        Assert.False(MeshCertificates.Chains(leaf, [oldRoot.RootCertPEM], []));

        // The peer receives every root, old and new, in its trust bundle for this cluster.
        await Eventually.TrueAsync(
            async () =>
            {
                var bundle = (await a.Client.Agent.PeerTrustBundlesAsync(cancellationToken: Ct))
                    .Value.Single(b => b.PeerName == "cluster-c");
                return (bundle.RootPEMs.Count == 2 && bundle.RootPEMs.Contains(newRoot.RootCertPEM)
                    && bundle.RootPEMs.Contains(oldRoot.RootCertPEM),
                    $"{bundle.RootPEMs.Count} roots");
            },
            Eventually.DefaultTimeout,
            "cluster A's trust bundle for cluster-c holds the old and the new root", Ct);

        // A ?pem=true read lists the old root, then the new root and its cross-signed certificate.
        var pem = (await c.Client.Connect.CaRootsPemAsync(cancellationToken: Ct)).Value;
        Assert.Equal(oldRoot.RootCertPEM + newRoot.RootCertPEM + crossSigned, pem);

        // The configuration now says what was asked, and a second identical PUT changes nothing.
        var (stored, _) = await c.Client.Connect.CaGetConfigAsync(cancellationToken: Ct);
        Assert.Equal("rsa", stored.Config["PrivateKeyType"]!.GetValue<string>());
        await c.Client.Connect.CaSetConfigAsync(stored, cancellationToken: Ct);
        Assert.Equal(stored.ModifyIndex, (await c.Client.Connect.CaGetConfigAsync(cancellationToken: Ct)).Value.ModifyIndex);
    }

    [Fact]
    public async Task Put_LeafTtlChange_KeepsTheRootAndShortensNewLeaves()
    {
        var b = clusters.B;
        var rootsBefore = (await b.Client.Connect.CaRootsAsync(cancellationToken: Ct)).Value;
        var (config, _) = await b.Client.Connect.CaGetConfigAsync(cancellationToken: Ct);
        config.Config["LeafCertTTL"] = "24h";

        await b.Client.Connect.CaSetConfigAsync(config, cancellationToken: Ct);

        var (after, _) = await b.Client.Connect.CaGetConfigAsync(cancellationToken: Ct);
        Assert.Equal("24h", after.Config["LeafCertTTL"]!.GetValue<string>());
        Assert.True(after.ModifyIndex > config.ModifyIndex);
        Assert.Equal(config.CreateIndex, after.CreateIndex);
        Assert.Equal(rootsBefore.Roots.Select(r => r.ID),
            (await b.Client.Connect.CaRootsAsync(cancellationToken: Ct)).Value.Roots.Select(r => r.ID));
        var (leaf, _) = await b.Client.Agent.ConnectCaLeafAsync("short-lived", cancellationToken: Ct);
        Assert.Equal(TimeSpan.FromHours(24), leaf.ValidBefore - leaf.ValidAfter);
    }
}
