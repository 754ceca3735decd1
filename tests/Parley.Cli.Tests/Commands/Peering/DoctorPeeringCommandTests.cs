using System.Text.Json.Nodes;
using Parley.Client.Tests.Fakes;

namespace Parley.Cli.Tests.Commands.Peering;

public sealed class DoctorPeeringCommandTests
{
    private const string Broken = """
        {"Peer":"cluster-02","Service":"backend","Ok":false,"Steps":[
          {"ID":"peering","Title":"Peering exists and is ACTIVE","Status":"pass","Detail":"ACTIVE here"},
          {"ID":"exported","Title":"Exported to the peer","Status":"fail","Detail":"exported to cluster-03, not cluster-02",
           "Fix":"add cluster-02 to the consumers of backend in exported-services/default"},
          {"ID":"instances","Title":"Has passing instances","Status":"skip","Detail":"not checked: an earlier step failed"}]}
        """;

    [Fact]
    public async Task Doctor_BrokenPath_PrintsOneLinePerStepWithTheFixAndExits1()
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        server.Respond("GET", "/v1/peering/cluster-02/doctor", 200, Broken);

        var result = await CliRunner.RunAsync(
            ["peering", "doctor", "-name", "cluster-02", "-service", "backend", "-http-addr", server.Address]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            "[PASS] Peering exists and is ACTIVE: ACTIVE here; not checked from the peer (give -peer-http-addr)\n"
            + "[FAIL] Exported to the peer: exported to cluster-03, not cluster-02\n"
            + "       fix: add cluster-02 to the consumers of backend in exported-services/default\n"
            + "[SKIP] Has passing instances: not checked: an earlier step failed\n"
            + "The path breaks at: Exported to the peer.\n",
            result.Out);
        Assert.Contains("service=backend", server.Single("GET", "/v1/peering/cluster-02/doctor").QueryString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_WholePathAsJson_Exits0()
    {
        await using var server = await FakeApiServer.StartAsync(TestContext.Current.CancellationToken);
        server.Respond("GET", "/v1/peering/cluster-02/doctor", 200, """
            {"Peer":"cluster-02","Ok":true,"Steps":[{"ID":"peering","Title":"Peering exists and is ACTIVE","Status":"pass",
             "Detail":"ACTIVE here"}]}
            """);

        var result = await CliRunner.RunAsync(
            ["peering", "doctor", "-name", "cluster-02", "-format", "json", "-http-addr", server.Address]);

        Assert.Equal(0, result.ExitCode);
        Assert.True((bool)JsonNode.Parse(result.Out)!["Ok"]!);
    }
}
