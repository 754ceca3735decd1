using System.Net;
using System.Text.Json.Nodes;
using Parley.Testing;

namespace Parley.IntegrationTests.Config;

/// <summary>
/// <c>parley config ...</c> and <c>parley intention check</c>: the built executable, run as a user runs it, against a
/// real agent, with the peering document's files.
/// </summary>
public sealed class ConfigCliTests : IAsyncLifetime
{
    private const string PeeringConfigHcl = """
        Kind = "exported-services"
        Name = "default"
        Services = [
          {
            ## The name and namespace of the service to export.
            Name      = "backend-service"
            Namespace = "default"

            ## The list of peer clusters to export the service to.
            Consumers = [
              {
                ## The peer name to reference in config is the one set
                ## during the peering process.
                Peer = "cluster-02"
              }
            ]
          }
        ]
        """;

    private TestAgent _agent = null!;
    private DirectoryInfo _work = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _work = Directory.CreateTempSubdirectory("parley-config-cli-");
        _agent = await TestAgent.StartAsync(cancellationToken: Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _agent.DisposeAsync();
        _work.Delete(recursive: true);
    }

    [Fact]
    public async Task Write_Hcl_PrintsWrittenAndTheEntryIsStored()
    {
        var run = await CliAsync("config", "write", File("peering-config.hcl", PeeringConfigHcl));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("Config entry written: exported-services/default", run.Out.Trim());
        var entry = (await _agent.Http.GetAnswerAsync("/v1/config/exported-services/default", Ct)).Ok<JsonObject>();
        Assert.Equal("cluster-02", (string?)entry["Services"]![0]!["Consumers"]![0]!["Peer"]);
    }

    [Fact]
    public async Task Write_JsonAndKubernetesYaml_PrintWritten()
    {
        var json = await CliAsync("config", "write", File("frontend-peer.json", """
            {
                "Kind": "service-resolver",
                "Name": "frontend-peer",
                "Redirect": {
                  "Service": "frontend",
                  "Peer": "cluster-02"
              }
            }
            """));
        Assert.True(json.ExitCode == 0, json.ToString());
        Assert.Equal("Config entry written: service-resolver/frontend-peer", json.Out.Trim());

        var yaml = await CliAsync("config", "write", File("backend-resolver.yaml", """
            apiVersion: consul.hashicorp.com/v1alpha1
            kind: ServiceResolver
            metadata:
              name: backend-service
            spec:
              connectTimeout: 15s
              failover:
                '*':
                  targets:
                    - peer: 'cluster-02'
            """));
        Assert.True(yaml.ExitCode == 0, yaml.ToString());
        Assert.Equal("Config entry written: service-resolver/backend-service", yaml.Out.Trim());
        var entry = (await _agent.Http.GetAnswerAsync("/v1/config/service-resolver/backend-service", Ct)).Ok<JsonObject>();
        Assert.Equal(("15s", "cluster-02"), ((string?)entry["ConnectTimeout"], (string?)entry["Failover"]!["*"]!["Targets"]![0]!["Peer"]));
    }

    [Fact]
    public async Task Write_MalformedHcl_FailsWithDecodeErrorAndNothingWritten()
    {
        var run = await CliAsync(
            "config",
            "write",
            File("broken.hcl", "Kind = \"exported-services\"\nName = \"default\"\nServices = [ {\n"));

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("Failed to decode config entry input", run.Error, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await _agent.Http.GetAnswerAsync("/v1/config/exported-services/default", Ct)).Status);
    }

    [Fact]
    public async Task Write_WildcardPeer_FailsWithConsulsReason()
    {
        var run = await CliAsync("config", "write", File("wild.hcl", """
            Kind = "exported-services"
            Name = "default"
            Services = [ { Name = "x", Consumers = [ { Peer = "*" } ] } ]
            """));

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("Error writing config entry exported-services/default", run.Error, StringComparison.Ordinal);
        Assert.Contains("exporting to all peers (wildcard) is not supported", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadListDelete_RoundTrip()
    {
        Assert.Equal(0, (await CliAsync("config", "write", File("peering-config.hcl", PeeringConfigHcl))).ExitCode);

        var read = await CliAsync("config", "read", "-kind", "exported-services", "-name", "default");
        Assert.True(read.ExitCode == 0, read.ToString());
        var entry = JsonNode.Parse(read.Out)!;
        Assert.Equal(("exported-services", "backend-service"), ((string?)entry["Kind"], (string?)entry["Services"]![0]!["Name"]));
        Assert.Contains("\n    \"Kind\"", read.Out, StringComparison.Ordinal);

        var list = await CliAsync("config", "list", "-kind", "exported-services");
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Equal("default", list.Out.Trim());

        var delete = await CliAsync("config", "delete", "-kind", "exported-services", "-name", "default");
        Assert.True(delete.ExitCode == 0, delete.ToString());
        Assert.Equal("Config entry deleted: exported-services/default", delete.Out.Trim());
        Assert.Equal(string.Empty, (await CliAsync("config", "list", "-kind", "exported-services")).Out.Trim());

        var missing = await CliAsync("config", "read", "-kind", "exported-services", "-name", "default");
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("Error reading config entry exported-services/default", missing.Error, StringComparison.Ordinal);
        Assert.Contains("404", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IntentionCheck_PeerSource_AllowedOrDeniedByTheIntentions()
    {
        Assert.Equal(0, (await CliAsync("config", "write", File("peering-intentions.hcl", """
            Kind      = "service-intentions"
            Name      = "backend-service"

            Sources = [
              {
                Name   = "frontend-service"
                Peer   = "cluster-02"
                Action = "allow"
              },
              {
                Name   = "*"
                Peer   = "cluster-03"
                Action = "deny"
              }
            ]
            """))).ExitCode);

        var allowed = await CliAsync("intention", "check", "peer:cluster-02/frontend-service", "backend-service");
        Assert.Equal((0, "Allowed"), (allowed.ExitCode, allowed.Out.Trim()));

        var denied = await CliAsync("intention", "check", "peer:cluster-03/frontend-service", "backend-service");
        Assert.Equal((1, "Denied"), (denied.ExitCode, denied.Out.Trim()));
    }

    private Task<ParleyCli.Run> CliAsync(params string[] arguments) => ParleyCli.RunAsync(_agent.Address, Ct, arguments);

    private string File(string name, string text)
    {
        var path = Path.Combine(_work.FullName, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }
}
