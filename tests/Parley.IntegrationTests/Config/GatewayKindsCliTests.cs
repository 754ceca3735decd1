using System.Text.Json.Nodes;
using Parley.Testing;

namespace Parley.IntegrationTests.Config;

/// <summary>
/// <c>parley config write|read|list|delete</c> with the gateway, route, JWT and rate-limit kinds, from HCL and JSON files.
/// </summary>
public sealed class GatewayKindsCliTests : IAsyncLifetime
{
    private TestAgent _agent = null!;
    private DirectoryInfo _work = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>One kind of each family, as a file in either form, and a field the read-back must show.</summary>
    public static TheoryData<string, string, string, string, string> Families => new()
    {
        {
            "gateway.hcl", "ingress-gateway", "ingress",
            """
            Kind = "ingress-gateway"
            Name = "ingress"
            Listeners = [{ Port = 8080, Protocol = "http", Services = [{ Name = "web", Hosts = ["web.example.com"] }] }]
            """,
            "Listeners[0].Services[0].Hosts[0]=web.example.com"
        },
        {
            "route.json", "http-route", "web-route",
            """
            {"Kind": "http-route", "Name": "web-route", "Parents": [{"Name": "api-gw"}],
             "Rules": [{"Matches": [{"Path": {"Match": "exact", "Value": "/health"}}], "Services": [{"Name": "web"}]}]}
            """,
            "Rules[0].Matches[0].Path.Value=/health"
        },
        {
            "jwt.hcl", "jwt-provider", "okta",
            """
            Kind = "jwt-provider"
            Name = "okta"
            Issuer = "okta"
            JSONWebKeySet { Remote { URI = "https://example.okta.com/keys", request_timeout_ms = 1500 } }
            """,
            "JSONWebKeySet.Remote.RequestTimeoutMs=1500"
        },
        {
            "limit.hcl", "control-plane-request-limit", "global",
            """
            Kind = "control-plane-request-limit"
            Name = "global"
            Mode = "enforcing"
            KV { ReadRate = 10, WriteRate = 5 }
            """,
            "KV.WriteRate=5"
        },
    };

    public async ValueTask InitializeAsync()
    {
        _work = Directory.CreateTempSubdirectory("parley-kinds-cli-");
        _agent = await TestAgent.StartAsync(cancellationToken: Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _agent.DisposeAsync();
        _work.Delete(recursive: true);
    }

    [Theory]
    [MemberData(nameof(Families))]
    public async Task WriteReadListDelete(string file, string kind, string name, string text, string expected)
    {
        var write = await CliAsync("config", "write", File(file, text));
        Assert.True(write.ExitCode == 0, write.ToString());
        Assert.Equal($"Config entry written: {kind}/{name}", write.Out.Trim());

        var read = await CliAsync("config", "read", "-kind", kind, "-name", name);
        Assert.True(read.ExitCode == 0, read.ToString());
        var (path, value) =
            (expected[..expected.IndexOf('=', StringComparison.Ordinal)],
            expected[(expected.IndexOf('=', StringComparison.Ordinal) + 1)..]);
        Assert.Equal(value, Select(JsonNode.Parse(read.Out)!, path)?.ToString());

        Assert.Equal(name, (await CliAsync("config", "list", "-kind", kind)).Out.Trim());
        var delete = await CliAsync("config", "delete", "-kind", kind, "-name", name);
        Assert.Equal($"Config entry deleted: {kind}/{name}", delete.Out.Trim());
        Assert.Equal(string.Empty, (await CliAsync("config", "list", "-kind", kind)).Out.Trim());
    }

    [Fact]
    public async Task Write_InvalidGateway_PrintsConsulsReasonAndStoresNothing()
    {
        var run = await CliAsync("config", "write", File("bad.hcl", """
            Kind = "terminating-gateway"
            Name = "egress"
            Services = [{ Name = "billing", CertFile = "/c.pem" }]
            """));

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(
            "Service \"billing\" must have a CertFile, CAFile, and KeyFile specified for TLS origination",
            run.Error,
            StringComparison.Ordinal);
        Assert.Equal(string.Empty, (await CliAsync("config", "list", "-kind", "terminating-gateway")).Out.Trim());
    }

    /// <summary>Follows a path such as <c>Rules[0].Matches[0].Path.Value</c>.</summary>
    private static JsonNode? Select(JsonNode node, string path)
    {
        JsonNode? current = node;
        foreach (var part in path.Split('.'))
        {
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            current = current?[bracket < 0 ? part : part[..bracket]];
            for (var rest = bracket < 0
                ? ""
                : part[bracket..]; rest.Length > 0; rest = rest[(rest.IndexOf(']', StringComparison.Ordinal) + 1)..])
            {
                current = current?[
                    int.Parse(rest[1..rest.IndexOf(']', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture)];
            }
        }

        return current;
    }

    private Task<ParleyCli.Run> CliAsync(params string[] arguments) => ParleyCli.RunAsync(_agent.Address, Ct, arguments);

    private string File(string name, string text)
    {
        var path = Path.Combine(_work.FullName, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }
}
