using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Parley.Client;

namespace Parley.IntegrationTests.Mesh;

/// <summary>The leaf endpoints on a real agent, checked the way a proxy uses them: parsed with X509Certificate2.</summary>
[Collection(MeshClustersCollection.Name)]
public sealed class LeafCertificateApiTests(MeshClustersFixture clusters)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ServiceLeaf_HasConsulsShapeAndChainsToTheActiveRoot()
    {
        var client = clusters.A.Client;
        var roots = (await client.Agent.ConnectCaRootsAsync(cancellationToken: Ct)).Value;
        var (leaf, meta) = await client.Agent.ConnectCaLeafAsync("web", cancellationToken: Ct);

        var expectedUri = $"spiffe://{roots.TrustDomain}/ns/default/dc/dc1/svc/web";
        Assert.Equal("web", leaf.Service);
        Assert.Equal(expectedUri, leaf.ServiceURI);
        Assert.Null(leaf.Kind);
        Assert.Equal(leaf.ModifyIndex, meta.LastIndex);
        Assert.Matches("^([0-9a-f]{2}:)+[0-9a-f]{2}$", leaf.SerialNumber);

        using var cert = X509Certificate2.CreateFromPem(leaf.CertPEM, leaf.PrivateKeyPEM);
        Assert.True(cert.HasPrivateKey);
        Assert.Equal("", cert.Subject);
        var san = Assert.Single(cert.Extensions.OfType<X509SubjectAlternativeNameExtension>());
        Assert.True(san.Critical);
        Assert.Equal($"URI:{expectedUri}", san.Format(false));
        Assert.Empty(san.EnumerateDnsNames());
        var eku = Assert.Single(cert.Extensions.OfType<X509EnhancedKeyUsageExtension>());
        Assert.Equal(["1.3.6.1.5.5.7.3.2", "1.3.6.1.5.5.7.3.1"],
            eku.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Select(o => o.Value));
        Assert.Equal(256, cert.GetECDsaPublicKey()!.KeySize);
        Assert.Equal(leaf.ValidAfter.UtcDateTime, cert.NotBefore.ToUniversalTime());
        Assert.Equal(leaf.ValidBefore.UtcDateTime, cert.NotAfter.ToUniversalTime());
        Assert.Equal(TimeSpan.FromHours(72), leaf.ValidBefore - leaf.ValidAfter);
        Assert.True(MeshCertificates.Chains(cert, roots.Roots.Select(r => r.RootCertPEM), MeshCertificates.Intermediates(leaf.CertPEM)));
        Assert.Equal(cert.SerialNumber.ToLowerInvariant(), leaf.SerialNumber.Replace(":", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ServiceLeaf_Json_OmitsTheGatewayFieldsAsConsulDoes()
    {
        using var response = await clusters.A.Agent.Http.GetAsync("/v1/agent/connect/ca/leaf/api", Ct);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!.AsObject();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            ["SerialNumber", "CertPEM", "PrivateKeyPEM", "Service", "ServiceURI", "ValidAfter", "ValidBefore", "CreateIndex",
                "ModifyIndex"],
            body.Select(p => p.Key));
        Assert.Equal(body["ModifyIndex"]!.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture),
            response.Headers.GetValues("X-Consul-Index").Single());
    }

    [Fact]
    public async Task MeshGatewayLeaf_CarriesTheGatewayIdentityAndNoService()
    {
        var client = clusters.B.Client;
        var trustDomain = (await client.Agent.ConnectCaRootsAsync(cancellationToken: Ct)).Value.TrustDomain;
        var (leaf, meta) = await client.Agent.MeshGatewayLeafAsync(cancellationToken: Ct);

        Assert.Equal("mesh-gateway", leaf.Kind);
        Assert.Equal($"spiffe://{trustDomain}/gateway/mesh/dc/dc2", leaf.KindURI);
        Assert.Null(leaf.Service);
        Assert.Null(leaf.ServiceURI);
        Assert.Equal(leaf.ModifyIndex, meta.LastIndex);
        using var cert = X509Certificate2.CreateFromPem(leaf.CertPEM);
        var san = Assert.Single(cert.Extensions.OfType<X509SubjectAlternativeNameExtension>());
        Assert.Equal($"URI:spiffe://{trustDomain}/gateway/mesh/dc/dc2", san.Format(false));

        using var response = await clusters.B.Agent.Http.GetAsync("/v1/agent/connect/ca/leaf-kind/mesh-gateway", Ct);
        var keys = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!.AsObject().Select(p => p.Key);
        Assert.Equal(
            ["SerialNumber", "CertPEM", "PrivateKeyPEM", "Kind", "KindURI", "ValidAfter", "ValidBefore", "CreateIndex", "ModifyIndex"],
            keys);
    }

    [Fact]
    public async Task ServiceLeaf_BlockingWithItsIndex_WaitsAndAnswersTheSameLeaf()
    {
        var client = clusters.A.Client;
        var (first, meta) = await client.Agent.ConnectCaLeafAsync("billing", cancellationToken: Ct);

        var (again, againMeta) = await client.Agent.ConnectCaLeafAsync(
            "billing", new QueryOptions { Index = meta.LastIndex, Wait = TimeSpan.FromMilliseconds(300) }, Ct);

        Assert.Equal(first.SerialNumber, again.SerialNumber);
        Assert.Equal(meta.LastIndex, againMeta.LastIndex);
    }

    [Fact]
    public async Task Roots_Pem_IsTheChainAsPemCertificateChain()
    {
        var roots = (await clusters.A.Client.Connect.CaRootsAsync(cancellationToken: Ct)).Value;
        using var response = await clusters.A.Agent.Http.GetAsync("/v1/connect/ca/roots?pem=true", Ct);

        Assert.Equal("application/pem-certificate-chain", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(string.Concat(roots.Roots.Select(r => r.RootCertPEM + string.Concat(r.IntermediateCerts ?? []))),
            await response.Content.ReadAsStringAsync(Ct));

        using var bad = await clusters.A.Agent.Http.GetAsync("/v1/connect/ca/roots?pem=yes", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("The 'pem' query parameter must be a boolean value", await bad.Content.ReadAsStringAsync(Ct));
    }
}
