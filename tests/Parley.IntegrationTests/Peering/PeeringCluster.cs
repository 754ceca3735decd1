using System.Text.Json.Nodes;
using Parley.Agent.Configuration;
using Parley.Client;
using Parley.Testing;

namespace Parley.IntegrationTests.Peering;

/// <summary>One real cluster (a single-server agent on loopback) and a <see cref="ParleyClient"/> for its HTTP API.</summary>
internal sealed class PeeringCluster : IAsyncDisposable
{
    private PeeringCluster(TestAgent agent)
    {
        Agent = agent;
        Client = new ParleyClient(new ParleyClientOptions { Address = agent.Address.ToString() });
    }

    public TestAgent Agent { get; }

    public ParleyClient Client { get; }

    public AgentPorts Ports => Agent.Agent.Config.Ports;

    public string NodeName => Agent.Agent.Config.NodeName;

    /// <summary>The address of the gRPC TLS listener (the peering port).</summary>
    public string GrpcTlsAddress => $"127.0.0.1:{Ports.GrpcTls}";

    /// <summary>Starts an agent and waits until its Connect CA exists (tokens need it), as a user would wait for a ready cluster.</summary>
    public static async Task<PeeringCluster> StartAsync(
        Func<AgentConfig, AgentConfig>? configure = null, string? dataDir = null, CancellationToken cancellationToken = default)
    {
        var cluster = new PeeringCluster(await TestAgent.StartAsync(configure, dataDir, cancellationToken));
        await Eventually.TrueAsync(
            async () =>
            {
                var roots = JsonNode.Parse(await cluster.Agent.Http.GetStringAsync("/v1/connect/ca/roots", cancellationToken))?["Roots"];
                return (roots is JsonArray { Count: > 0 }, roots?.ToJsonString() ?? "no roots");
            },
            Eventually.DefaultTimeout,
            "the Connect CA is initialised", cancellationToken);
        return cluster;
    }

    /// <summary>Registers one instance with one check per status given (none: no checks).</summary>
    public Task RegisterAsync(
        string node, string service, string id, IReadOnlyList<string> statuses, Dictionary<string, string>? meta = null,
        CancellationToken cancellationToken = default) =>
        Client.Catalog.RegisterAsync(
            new CatalogRegistration
            {
                Node = node,
                Address = "127.0.0.1",
                Service = new AgentService { ID = id, Service = service, Port = 8080, Meta = meta },
                Checks = [.. statuses.Select((status, i) => new HealthCheck
                {
                    Node = node, CheckID = $"{id}-check-{i}", Name = $"{id} check {i}", Status = status, ServiceID = id,
                })],
            },
            cancellationToken: cancellationToken);

    public Task RegisterAsync(string node, string service, string id, string status, CancellationToken cancellationToken = default) =>
        RegisterAsync(node, service, id, [status], cancellationToken: cancellationToken);

    /// <summary>Writes the <c>exported-services</c> entry: each service to the given peers.</summary>
    public Task ExportAsync(IEnumerable<(string Service, string[] Peers)> services, CancellationToken cancellationToken = default)
    {
        var entry = new JsonObject
        {
            ["Kind"] = "exported-services",
            ["Name"] = "default",
            ["Services"] = new JsonArray([.. services.Select(s => (JsonNode)new JsonObject
            {
                ["Name"] = s.Service,
                ["Consumers"] = new JsonArray([.. s.Peers.Select(p => (JsonNode)new JsonObject { ["Peer"] = p })]),
            })]),
        };
        return Client.ConfigEntries.SetAsync(entry, cancellationToken: cancellationToken);
    }

    public Task ExportAsync(string service, string peer, CancellationToken cancellationToken = default) =>
        ExportAsync([(service, [peer])], cancellationToken);

    public async Task<Parley.Client.Peering?> PeeringAsync(string name, CancellationToken cancellationToken = default) =>
        (await Client.Peerings.ReadAsync(name, cancellationToken: cancellationToken)).Value;

    /// <summary>The reported state of a peering, or null when there is none.</summary>
    public async Task<string?> StateAsync(string name, CancellationToken cancellationToken = default) =>
        (await PeeringAsync(name, cancellationToken))?.State;

    /// <summary>The instances of <paramref name="service"/> imported from <paramref name="peer"/>.</summary>
    public async Task<IReadOnlyList<ServiceEntry>> ImportedAsync(
        string service,
        string peer,
        CancellationToken cancellationToken = default) =>
        (await Client.Health.ServiceAsync(service, options: new QueryOptions { Peer = peer }, cancellationToken: cancellationToken)).Value;

    /// <summary>The names of the services imported from <paramref name="peer"/>.</summary>
    public async Task<IReadOnlyCollection<string>> ImportedNamesAsync(string peer, CancellationToken cancellationToken = default) =>
        [.. (await Client.Catalog.ServicesAsync(options: new QueryOptions { Peer = peer }, cancellationToken: cancellationToken))
            .Value.Keys];

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Agent.DisposeAsync();
    }
}
