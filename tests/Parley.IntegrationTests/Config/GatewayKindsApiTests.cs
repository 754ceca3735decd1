using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Parley.IntegrationTests.Agent;

namespace Parley.IntegrationTests.Config;

/// <summary>
/// The gateway, route, certificate, JWT and rate-limit kinds through <c>/v1/config</c> against a real agent, and the
/// gateway entries answering <c>/v1/catalog/gateway-services</c> and <c>/v1/health/ingress</c>.
/// </summary>
public sealed class GatewayKindsApiTests : OneAgentTests
{
    private static readonly (string Kind, string Name, string Body)[] Kinds =
    [
        ("ingress-gateway", "ingress",
            """{"Kind":"ingress-gateway","Name":"ingress","Listeners":[{"Port":8080,"Protocol":"HTTP","Services":[""" +
            """{"Name":"web","Hosts":["web.example.com"]}]}]}"""),
        (
            "terminating-gateway",
            "egress",
            """{"Kind":"terminating-gateway","Name":"egress","Services":[{"Name":"billing","CAFile":"/etc/ca.pem"}]}"""),
        ("api-gateway", "api-gw", """{"Kind":"api-gateway","Name":"api-gw","Listeners":[{"Name":"http","Port":8081,"Protocol":"http"}]}"""),
        (
            "http-route",
            "web-route",
            """{"Kind":"http-route","Name":"web-route","Parents":[{"Name":"api-gw"}],"Rules":[{"Services":[{"Name":"web"}]}]}"""),
        ("tcp-route", "db-route", """{"Kind":"tcp-route","Name":"db-route","Parents":[{"Name":"api-gw"}],"Services":[{"Name":"db"}]}"""),
        (
            "file-system-certificate",
            "fs-cert",
            """{"Kind":"file-system-certificate","Name":"fs-cert","Certificate":"/c.pem","PrivateKey":"/k.pem"}"""),
        ("jwt-provider", "okta", """{"Kind":"jwt-provider","Name":"okta","JSONWebKeySet":{"Local":{"Filename":"/jwks.json"}}}"""),
        (
            "control-plane-request-limit",
            "global",
            """{"Kind":"control-plane-request-limit","Name":"global","Mode":"permissive","ReadRate":100}"""),
    ];

    [Fact]
    public async Task EveryKind_WrittenReadListedDeleted()
    {
        foreach (var (kind, name, body) in Kinds)
        {
            await Http.WriteEntryAsync(body, Ct);

            var entry = (await Http.GetAnswerAsync($"/v1/config/{kind}/{name}", Ct)).Ok<JsonObject>();
            Assert.Equal((kind, name), ((string?)entry["Kind"], (string?)entry["Name"]));
            Assert.True((long)entry["ModifyIndex"]! > 0, kind);
            var list = (await Http.GetAnswerAsync($"/v1/config/{kind}", Ct)).Ok<JsonArray>();
            Assert.Equal([name], list.Select(e => (string?)e!["Name"]));
        }

        // Consul's Normalize defaults are what is stored.
        var ingress = (await Http.GetAnswerAsync("/v1/config/ingress-gateway/ingress", Ct)).Ok<JsonObject>();
        Assert.Equal("http", (string?)ingress["Listeners"]![0]!["Protocol"]);
        var route = (await Http.GetAnswerAsync("/v1/config/http-route/web-route", Ct)).Ok<JsonObject>();
        Assert.Equal(("api-gateway", 1), ((string?)route["Parents"]![0]!["Kind"], (int)route["Rules"]![0]!["Services"]![0]!["Weight"]!));
        Assert.Equal(30, (int)(await Http.GetAnswerAsync("/v1/config/jwt-provider/okta", Ct)).Ok<JsonObject>()["ClockSkewSeconds"]!);

        foreach (var (kind, name, _) in Kinds)
        {
            var deleted = await Http.DeleteAnswerAsync($"/v1/config/{kind}/{name}", Ct);
            Assert.Equal((HttpStatusCode.OK, "{}"), (deleted.Status, deleted.Body));
            Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAnswerAsync($"/v1/config/{kind}/{name}", Ct)).Status);
        }
    }

    [Fact]
    public async Task InvalidEntries_RefusedWithConsulsText_AndNothingStored()
    {
        var clash = await Http.PutAnswerAsync("/v1/config", """
            {"Kind":"ingress-gateway","Name":"gw","Listeners":[{"Port":80,"Services":[{"Name":"a"}]},{"Port":80,"Services":[{"Name":"b"}]}]}
            """, Ct);
        Assert.Equal((HttpStatusCode.InternalServerError, "port 80 declared on two listeners"), (clash.Status, clash.Body));
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAnswerAsync("/v1/config/ingress-gateway/gw", Ct)).Status);

        var sameness = await Http.PutAnswerAsync(
            "/v1/config",
            """{"Kind":"sameness-group","Name":"sg","Members":[{"Peer":"cluster-02"}]}""",
            Ct);
        Assert.Equal(
            (HttpStatusCode.InternalServerError, "sameness-groups are an enterprise-only feature"),
            (sameness.Status, sameness.Body));

        var typo = await Http.PutAnswerAsync(
            "/v1/config",
            """{"Kind":"terminating-gateway","Name":"gw","Services":[{"Name":"a","CaFiel":"x"}]}""",
            Ct);
        Assert.Equal(HttpStatusCode.BadRequest, typo.Status);
        Assert.Contains("invalid config key \"Services[0].CaFiel\"", typo.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InlineCertificate_AMatchingPairIsStored_AMismatchIsRefused()
    {
        var (certificate, key) = SelfSigned();
        var (_, otherKey) = SelfSigned();

        await Http.WriteEntryAsync(Certificate("gw-cert", certificate, key), Ct);
        var mismatch = await Http.PutAnswerAsync("/v1/config", Certificate("bad-cert", certificate, otherKey), Ct);

        var stored = (await Http.GetAnswerAsync("/v1/config/inline-certificate/gw-cert", Ct)).Ok<JsonObject>();
        Assert.Equal(certificate, (string?)stored["Certificate"]);
        Assert.Equal((HttpStatusCode.InternalServerError, "tls: private key does not match public key"), (mismatch.Status, mismatch.Body));

        static string Certificate(string name, string cert, string privateKey) =>
            new JsonObject
            {
                ["Kind"] = "inline-certificate",
                ["Name"] = name,
                ["Certificate"] = cert,
                ["PrivateKey"] = privateKey
            }.ToJsonString();
    }

    [Fact]
    public async Task GatewayServices_AnswerFromTheGatewayEntries()
    {
        await Http.PutOkAsync("/v1/catalog/register", """{"Node":"n1","Address":"10.0.0.1","Service":{"Service":"web","Port":80}}""", Ct);
        await Http.PutOkAsync("/v1/catalog/register", """{"Node":"n1","Address":"10.0.0.1","Service":{"Service":"api","Port":81}}""", Ct);
        await Http.WriteEntryAsync("""
            {"Kind":"ingress-gateway","Name":"ingress","Listeners":[
              {"Port":8080,"Protocol":"http","Services":[{"Name":"web","Hosts":["web.example.com"]}]},
              {"Port":9090,"Protocol":"http","Services":[{"Name":"*"}]}]}
            """, Ct);
        await Http.WriteEntryAsync(
            """{"Kind":"terminating-gateway","Name":"egress","Services":[""" +
            """{"Name":"billing","CAFile":"/etc/ca.pem","SNI":"billing.example.com"}]}""", Ct);

        var ingress = await Http.GetJsonAsync<JsonArray>("/v1/catalog/gateway-services/ingress", Ct);
        Assert.Equal(
            [("api", 9090L, true), ("web", 8080L, false), ("web", 9090L, true)],
            ingress.Select(r => ((string)r!["Service"]!["Name"]!, (long)r["Port"]!, r["FromWildcard"] is not null)));
        var explicitWeb = ingress.Single(r => (long)r!["Port"]! == 8080)!;
        Assert.Equal(
            ("ingress", "ingress-gateway", "http"),
            ((string?)explicitWeb["Gateway"]!["Name"], (string?)explicitWeb["GatewayKind"], (string?)explicitWeb["Protocol"]));
        Assert.Equal(["web.example.com"], explicitWeb["Hosts"]!.AsArray().Select(h => (string?)h));

        var egress = Assert.Single(await Http.GetJsonAsync<JsonArray>("/v1/catalog/gateway-services/egress", Ct))!;
        Assert.Equal(("billing", "terminating-gateway", "/etc/ca.pem", "billing.example.com"),
            ((string?)egress["Service"]!["Name"], (string?)egress["GatewayKind"], (string?)egress["CAFile"], (string?)egress["SNI"]));
    }

    [Fact]
    public async Task HealthIngress_AnswersTheGatewaysInstancesThatRouteToTheService()
    {
        await Http.PutOkAsync("/v1/catalog/register", """{"Node":"n1","Address":"10.0.0.1","Service":{"Service":"web","Port":80}}""", Ct);
        await Http.PutOkAsync(
            "/v1/catalog/register",
            """{"Node":"gw-node","Address":"10.0.0.2","Service":{"Kind":"ingress-gateway","Service":"ingress","Port":8080}}""",
            Ct);
        await Http.PutOkAsync(
            "/v1/catalog/register",
            """{"Node":"gw-node","Address":"10.0.0.2","Service":{"Kind":"ingress-gateway","Service":"other-ingress","Port":8081}}""",
            Ct);
        var (before, index) = await Http.GetJsonWithIndexAsync<JsonArray>("/v1/health/ingress/web", Ct);
        Assert.Empty(before);

        var blocked = Http.GetJsonAsync<JsonArray>($"/v1/health/ingress/web?index={index}&wait=30s", Ct);
        await Http.WriteEntryAsync(
            """{"Kind":"ingress-gateway","Name":"ingress","Listeners":[{"Port":8080,"Protocol":"http","Services":[{"Name":"web"}]}]}""",
            Ct);

        var row = Assert.Single(await blocked.WaitAsync(TimeSpan.FromSeconds(30), Ct))!;
        Assert.Equal(
            ("ingress", "ingress-gateway", "gw-node"),
            ((string?)row["Service"]!["Service"], (string?)row["Service"]!["Kind"], (string?)row["Node"]!["Node"]));
        Assert.Empty(await Http.GetJsonAsync<JsonArray>("/v1/health/ingress/api", Ct));
    }

    private static (string Certificate, string Key) SelfSigned()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=gateway.example.com", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return (certificate.ExportCertificatePem(), rsa.ExportRSAPrivateKeyPem());
    }
}
