using System.Text.Json.Nodes;
using Parley.Agent.Configuration;
using Parley.Testing;

namespace Parley.IntegrationTests.Agent;

/// <summary>
/// A server stopped gracefully and started again on the same data dir answers with the same data at the same
/// indexes: the log on disk is the state.
/// </summary>
public sealed class RestartPersistenceTests : IDisposable
{
    private static readonly string[] Reads =
    [
        "/v1/catalog/nodes",
        "/v1/catalog/service/consul",
        "/v1/catalog/services",
        "/v1/catalog/service/web",
        "/v1/catalog/service/db",
        "/v1/catalog/node/web-1",
        "/v1/health/service/web",
        "/v1/health/checks/db",
        "/v1/health/state/critical",
    ];

    private readonly string _dataDir = Directory.CreateTempSubdirectory("parley-restart-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    [Fact]
    public async Task GracefulRestart_SameDataDir_EverythingStillThereWithSameIndexes()
    {
        var nodeName = "persist-" + Guid.NewGuid().ToString("N")[..6];
        // The Raft identity is the advertised server address, so the server port stays; so does the gRPC TLS port,
        // which the consul service's meta carries. The HTTP port is a new one each time.
        var (serverPort, grpcTlsPort) = (FreePorts.Next(), FreePorts.Next());
        AgentConfig Configure(AgentConfig c) => c with
        {
            NodeName = nodeName,
            Ports = c.Ports with { Server = serverPort, GrpcTls = grpcTlsPort },
        };

        var before = new Dictionary<string, (string Body, long Index)>();
        long lastIndex;
        await using (var first = await TestAgent.StartAsync(Configure, _dataDir, Ct))
        {
            var http = first.Http;
            await http.PutOkAsync("/v1/catalog/register", """
                {"Node": "web-1", "Address": "10.0.0.1", "NodeMeta": {"rack": "r1"},
                 "Service": {"ID": "web-a", "Service": "web", "Port": 80, "Tags": ["v1"], "Meta": {"team": "edge"}},
                 "Check": {"CheckID": "web-a-alive", "Name": "alive", "Status": "passing", "ServiceID": "web-a"}}
                """, Ct);
            await http.PutOkAsync("/v1/catalog/register", """
                {"Node": "web-2", "Address": "10.0.0.2", "Service": {"ID": "web-b", "Service": "web", "Port": 80, "Tags": ["v2"]}}
                """, Ct);
            await http.PutOkAsync("/v1/catalog/register", """
                {"Node": "db-1", "Address": "10.0.0.3", "Service": {"Service": "db", "Port": 5432},
                 "Check": {"CheckID": "db-disk", "Name": "disk", "Status": "critical", "Output": "disk full", "ServiceID": "db"}}
                """, Ct);
            await http.PutOkAsync(
                "/v1/catalog/register",
                """{"Node": "gone", "Address": "10.0.0.9", "Service": {"Service": "tmp", "Port": 1}}""",
                Ct);
            await http.PutOkAsync("/v1/catalog/deregister", """{"Node": "gone"}""", Ct);
            await http.PutOkAsync("/v1/agent/service/register", """
                {"Name": "agent-svc", "Port": 7000, "Check": {"CheckID": "agent-ttl", "TTL": "10m"}}
                """, Ct);
            await http.PutOkAsync("/v1/agent/check/pass/agent-ttl?note=fine", "", Ct);

            foreach (var path in Reads)
            {
                var (body, index) = await http.GetJsonWithIndexAsync<JsonNode>(path, Ct);
                before[path] = (body.ToJsonString(), index);
            }

            lastIndex = before.Values.Max(v => v.Index);
        } // Disposing stops the agent gracefully.

        await using var second = await TestAgent.StartAsync(Configure, _dataDir, Ct);

        foreach (var path in Reads)
        {
            var (body, index) = await second.Http.GetJsonWithIndexAsync<JsonNode>(path, Ct);
            Assert.True(before[path].Body == body.ToJsonString(), $"{path} before: {before[path].Body}\n after: {body.ToJsonString()}");
            Assert.True(before[path].Index == index, $"{path}: X-Consul-Index {before[path].Index} before, {index} after");
        }

        var agentServices = await second.Http.GetJsonAsync<JsonObject>("/v1/agent/services", Ct);
        Assert.Equal(7000, agentServices["agent-svc"]!["Port"]!.GetValue<int>());
        var ttl = (await second.Http.GetJsonAsync<JsonObject>("/v1/agent/checks", Ct))["agent-ttl"]!;
        Assert.Equal("passing", ttl["Status"]!.GetValue<string>());
        Assert.Equal("fine", ttl["Output"]!.GetValue<string>());
        Assert.Empty(await second.Http.GetJsonAsync<JsonArray>("/v1/catalog/service/tmp", Ct));

        // The log goes on after the restored entries: a new write gets a later index.
        await second.Http.PutOkAsync("/v1/catalog/register", """{"Node": "web-3", "Address": "10.0.0.4"}""", Ct);
        var (_, newIndex) = await second.Http.GetJsonWithIndexAsync<JsonArray>("/v1/catalog/nodes", Ct);
        Assert.True(newIndex > lastIndex, $"new write at {newIndex}, restored data up to {lastIndex}");
    }
}
