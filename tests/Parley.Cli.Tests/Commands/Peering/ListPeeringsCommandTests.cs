using Parley.Client.Tests.Fakes;

namespace Parley.Cli.Tests.Commands.Peering;

public sealed class ListPeeringsCommandTests
{
    [Fact]
    public async Task List_Peerings_PrintsConsulTableSortedByName()
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        server.Respond("GET", "/v1/peerings", 200, """
            [{"ID":"2","Name":"cluster-03","State":"PENDING","StreamStatus":{},"Remote":{}},
             {"ID":"1","Name":"cluster-02","State":"ACTIVE","Meta":{"env":"production"},
              "StreamStatus":{"ImportedServices":["api"],"ExportedServices":["web","db"]},"Remote":{}}]
            """);

        var result = await CliRunner.RunAsync(["peering", "list", "-http-addr", server.Address]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            "Name        State    Imported Svcs  Exported Svcs  Meta\n"
            + "cluster-02  ACTIVE   1              2              env=production\n"
            + "cluster-03  PENDING  0              0              \n",
            result.Out);
        Assert.Equal("", result.Error);
    }

    [Fact]
    public async Task List_OutstandingTokens_AddTokenAgeAndExpiryColumns()
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        server.Respond("GET", "/v1/peerings", 200, """
            [{"ID":"1","Name":"cluster-02","State":"ACTIVE","StreamStatus":{},"Remote":{}},
             {"ID":"2","Name":"cluster-03","State":"PENDING","StreamStatus":{},"Remote":{},
              "TokenIssuedAt":"2026-12-07T14:00:00Z","TokenExpiresAt":"2026-12-07T15:00:00Z"},
             {"ID":"3","Name":"cluster-04","State":"EXPIRED","StreamStatus":{},"Remote":{},
              "TokenIssuedAt":"2026-12-07T12:00:00Z","TokenExpiresAt":"2026-12-07T13:00:00Z"},
             {"ID":"4","Name":"cluster-05","State":"PENDING","StreamStatus":{},"Remote":{},"TokenIssuedAt":"2026-12-07T14:10:00Z"}]
            """);
        var now = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 14, 12, 0, TimeSpan.Zero));

        var result = await CliRunner.RunAsync(["peering", "list", "-http-addr", server.Address], time: now);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            "Name        State    Imported Svcs  Exported Svcs  Meta  Token Age  Token Expires\n"
            + "cluster-02  ACTIVE   0              0                               \n"
            + "cluster-03  PENDING  0              0                    12m        in 48m\n"
            + "cluster-04  EXPIRED  0              0                    2h         1h ago\n"
            + "cluster-05  PENDING  0              0                    2m         never\n",
            result.Out);
    }

    [Fact]
    public async Task List_NoPeerings_SaysSo()
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        server.Respond("GET", "/v1/peerings", 200, "[]");

        var result = await CliRunner.RunAsync(["peering", "list", "-http-addr=" + server.Address]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("There are no peering connections.\n", result.Out);
    }

    [Fact]
    public async Task List_JsonFormat_PrintsCompactArraySortedByName()
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        server.Respond("GET", "/v1/peerings", 200, """[{"ID":"2","Name":"b","State":"ACTIVE"},{"ID":"1","Name":"a","State":"PENDING"}]""");

        var result = await CliRunner.RunAsync(["peering", "list", "-format", "json", "-http-addr", server.Address]);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith(
            """[{"ID":"1","Name":"a","State":"PENDING","StreamStatus":{"ImportedServices":null""",
            result.Out,
            StringComparison.Ordinal);
        Assert.Contains("""},{"ID":"2","Name":"b","State":"ACTIVE",""", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_AddressAndTokenFromEnvironment_AreUsed()
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        server.Respond("GET", "/v1/peerings", 200, "[]");
        var environment = new Dictionary<string, string> { ["CONSUL_HTTP_ADDR"] = server.HostAndPort, ["CONSUL_HTTP_TOKEN"] = "env-token" };

        var result = await CliRunner.RunAsync(["peering", "list"], environment);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("env-token", server.Single("GET", "/v1/peerings").Header("X-Consul-Token"));
    }

    [Fact]
    public async Task List_TokenFlag_OverridesEnvironment()
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        server.Respond("GET", "/v1/peerings", 200, "[]");
        var environment = new Dictionary<string, string> { ["CONSUL_HTTP_ADDR"] = "127.0.0.1:1", ["CONSUL_HTTP_TOKEN"] = "env-token" };

        var result = await CliRunner.RunAsync(["peering", "list", "--http-addr", server.Address, "--token=flag-token"], environment);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("flag-token", server.Single("GET", "/v1/peerings").Header("X-Consul-Token"));
    }

    [Fact]
    public async Task List_AgentError_PrintsConsulErrorAndFails()
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        server.Respond("GET", "/v1/peerings", 403, "Permission denied: token with AccessorID 'x' lacks permission 'peering:read'");

        var result = await CliRunner.RunAsync(["peering", "list", "-http-addr", server.Address]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            "Error listing peerings: Unexpected response code: 403 (Permission denied:" +
                " token with AccessorID 'x' lacks permission 'peering:read')\n",
            result.Error);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task List_InvalidFormat_Fails()
    {
        var result = await CliRunner.RunAsync(["peering", "list", "-format", "yaml"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Invalid format, valid formats are {json|pretty}\n", result.Error);
    }

    [Fact]
    public async Task List_UnusableAddress_FailsBeforeAnyRequest()
    {
        var result = await CliRunner.RunAsync(["peering", "list", "-http-addr", "ftp://agent:21"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Error connect to Consul agent: Unknown protocol scheme in address \"ftp://agent:21\"\n", result.Error);
    }
}
