using System.Net;
using System.Text.Json.Nodes;
using Parley.Agent;
using Parley.Agent.Configuration;
using Parley.Testing;

namespace Parley.IntegrationTests.Agent;

/// <summary>Sidecar ports from <c>ports { sidecar_min_port, sidecar_max_port }</c>, and services from agent config files.</summary>
public sealed class SidecarPortAndConfigTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Register_SidecarsWithoutPorts_LowestFreePortsInTheRange_ReRegisterKeepsIt_FullRangeRefused()
    {
        await using var agent = await TestAgent.StartAsync(
            c => c with { Ports = c.Ports with { SidecarMin = 23000, SidecarMax = 23001 } }, cancellationToken: Ct);
        var http = agent.Http;

        await http.PutOkAsync("/v1/agent/service/register", """{"ID":"a","Name":"a","Port":1,"Connect":{"SidecarService":{}}}""", Ct);
        await http.PutOkAsync("/v1/agent/service/register", """{"ID":"b","Name":"b","Port":2,"Connect":{"SidecarService":{}}}""", Ct);
        await http.PutOkAsync(
            "/v1/agent/service/register",
            """{"ID":"a","Name":"a","Port":1,"Tags":["again"],"Connect":{"SidecarService":{}}}""",
            Ct);
        using var full = await http.PutJsonAsync(
            "/v1/agent/service/register", """{"ID":"c","Name":"c","Port":3,"Connect":{"SidecarService":{}}}""", Ct);

        var services = await http.GetJsonAsync<JsonObject>("/v1/agent/services", Ct);
        Assert.Equal(23000, services["a-sidecar-proxy"]!["Port"]!.GetValue<int>());
        Assert.Equal("again", services["a-sidecar-proxy"]!["Tags"]![0]!.GetValue<string>());
        Assert.Equal(23001, services["b-sidecar-proxy"]!["Port"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.BadRequest, full.StatusCode);
        Assert.Equal(
            "Invalid SidecarService: no port provided for sidecar_service and none left in the configured range [23000, 23001]",
            await full.Content.ReadAsStringAsync(Ct));
        Assert.False(services.ContainsKey("c"));
    }

    [Fact]
    public async Task ConfigFile_ServiceWithSidecarAndUpstream_RegisteredWhenTheAgentStarts()
    {
        var dir = Directory.CreateTempSubdirectory("parley-config-");
        try
        {
            var file = Path.Combine(dir.FullName, "web.hcl");
            await File.WriteAllTextAsync(file, """
                service {
                  name = "web"
                  port = 8080
                  meta = { Owner_Team = "a" }
                  check {
                    id  = "web-ttl"
                    ttl = "10m"
                  }
                  connect {
                    sidecar_service {
                      proxy {
                        upstreams {
                          destination_name = "db"
                          destination_peer = "cluster-01"
                          local_bind_port  = 9191
                        }
                        config { protocol = "http" }
                      }
                    }
                  }
                }
                """, Ct);
            var (loaded, _) = ConfigLoader.Load(new AgentFlags { Dev = true, ConfigFiles = [file] });

            await using var agent = await TestAgent.StartAsync(c => c with { Services = loaded.Services }, cancellationToken: Ct);

            var sidecar = await Eventually.ReadAsync(
                async () => (await agent.Http.GetJsonAsync<JsonObject>("/v1/agent/services", Ct))["web-sidecar-proxy"],
                s => s is not null, TimeSpan.FromSeconds(10), "the config file's sidecar registering", Ct);
            var upstream = sidecar!["Proxy"]!["Upstreams"]![0]!;
            Assert.Equal(("db", "cluster-01", 9191, "service"),
                (Str(upstream, "DestinationName"), Str(upstream, "DestinationPeer"), upstream["LocalBindPort"]!.GetValue<int>(),
                Str(upstream, "DestinationType")));
            Assert.Equal("http", Str(sidecar["Proxy"]!["Config"]!, "protocol"));
            Assert.Equal(21000, sidecar["Port"]!.GetValue<int>());
            Assert.Equal("a", Str(sidecar["Meta"]!, "Owner_Team"));
            var checks = await agent.Http.GetJsonAsync<JsonObject>("/v1/agent/checks", Ct);
            Assert.True(checks.ContainsKey("web-ttl"));
            Assert.True(checks.ContainsKey("service:web-sidecar-proxy:2"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void ConfigFile_UnknownKeyInTheSidecarsProxy_StopsTheAgentNamingIt()
    {
        var dir = Directory.CreateTempSubdirectory("parley-config-");
        try
        {
            var file = Path.Combine(dir.FullName, "web.json");
            File.WriteAllText(file, """{"service":{"name":"web","port":1,"connect":{"sidecar_service":{"proxy":{"upstreamz":[]}}}}}""");

            var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(new AgentFlags { Dev = true, ConfigFiles = [file] }));

            Assert.Contains("upstreamz", error.Message);
            Assert.Contains(file, error.Message);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static string Str(JsonNode node, string key) => node[key]!.GetValue<string>();
}
