using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Parley.State.Store;
using Parley.Testing;

namespace Parley.PeeringBench;

/// <summary>One real single-server cluster on loopback and the HTTP calls the benchmark makes to it.</summary>
internal sealed class BenchCluster : IAsyncDisposable
{
    private BenchCluster(TestAgent agent)
    {
        Agent = agent;
    }

    public TestAgent Agent { get; }

    private HttpClient Http => Agent.Http;

    /// <summary>The last Raft index this cluster applied: the difference between two readings counts its log entries.</summary>
    public long AppliedIndex => Agent.Agent.Services.GetRequiredService<StateStore>().Current.Index;

    /// <summary>The gRPC TLS (peering) listener.</summary>
    public Uri GrpcTlsAddress => new($"https://127.0.0.1:{Agent.Agent.Config.Ports.GrpcTls}");

    /// <summary>Starts an agent in <paramref name="datacenter"/> and waits until its Connect CA exists (tokens need it).</summary>
    public static async Task<BenchCluster> StartAsync(string datacenter, CancellationToken cancellationToken)
    {
        var cluster = new BenchCluster(
            await TestAgent.StartAsync(c => c with { Datacenter = datacenter }, cancellationToken: cancellationToken));
        await WaitUntilAsync(
            async ()
                => JsonNode.Parse(await cluster.Http.GetStringAsync("/v1/connect/ca/roots", cancellationToken))?[
                "Roots"] is JsonArray { Count: > 0 },
            TimeSpan.FromSeconds(30),
            $"the Connect CA of {datacenter} is initialised",
            cancellationToken);
        return cluster;
    }

    public static string ServiceName(int service) => string.Create(CultureInfo.InvariantCulture, $"svc-{service:D5}");

    /// <summary>Registers instance <paramref name="instance"/> of service <paramref name="service"/> with one check.</summary>
    public async Task RegisterAsync(int service, int instance, string status, CancellationToken cancellationToken)
    {
        var name = ServiceName(service);
        var id = string.Create(CultureInfo.InvariantCulture, $"{name}-{instance}");
        var node = string.Create(CultureInfo.InvariantCulture, $"node-{service % 100}-{instance}");
        var body = string.Create(CultureInfo.InvariantCulture, $$$"""
            {"Node": "{{{node}}}", "Address": "10.{{{instance}}}.0.{{{service % 100}}}",
             "Service": {"ID": "{{{id}}}", "Service": "{{{name}}}", "Port": 8080},
             "Checks": [{"Node": "{{{node}}}", "CheckID": "{{{id}}}-alive", "Name": "alive", "Status": "{{{status}}}",
              "ServiceID": "{{{id}}}"}]}
            """);
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await Http.PutAsync("/v1/catalog/register", content, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode || text.Trim() != "true")
        {
            throw new InvalidOperationException($"register {id}: {(int)response.StatusCode} {text}");
        }
    }

    /// <summary>
    /// Registers the given instances of services [from, to) as passing, <paramref name="concurrency"/> requests at a time.
    /// </summary>
    public Task PopulateAsync(int from, int to, IReadOnlyList<int> instances, int concurrency, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(
            Enumerable.Range(from, to - from).SelectMany(s => instances.Select(i => (Service: s, Instance: i))),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (item, token) => await RegisterAsync(item.Service, item.Instance, "passing", token));

    /// <summary>Writes the <c>exported-services</c> entry: services [0, count) to <paramref name="peer"/>.</summary>
    public async Task ExportAsync(int count, string peer, CancellationToken cancellationToken)
    {
        var entry = new JsonObject
        {
            ["Kind"] = "exported-services",
            ["Name"] = "default",
            ["Services"] = new JsonArray([.. Enumerable.Range(0, count).Select(s => (JsonNode)new JsonObject
            {
                ["Name"] = ServiceName(s),
                ["Consumers"] = new JsonArray(new JsonObject { ["Peer"] = peer }),
            })]),
        };
        using var response = await Http.PutAsJsonAsync("/v1/config", entry, cancellationToken);
        await EnsureAsync(response, "write exported-services", cancellationToken);
    }

    public async Task<string> GenerateTokenAsync(string peerName, CancellationToken cancellationToken)
    {
        using var response = await Http.PostAsJsonAsync("/v1/peering/token", new JsonObject { ["PeerName"] = peerName }, cancellationToken);
        await EnsureAsync(response, "generate token", cancellationToken);
        var token = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))?["PeeringToken"]?.GetValue<string>();
        return token ?? throw new InvalidOperationException("no PeeringToken in the answer");
    }

    public async Task EstablishAsync(string peerName, string token, CancellationToken cancellationToken)
    {
        using var response = await Http.PostAsJsonAsync(
            "/v1/peering/establish", new JsonObject { ["PeerName"] = peerName, ["PeeringToken"] = token }, cancellationToken);
        await EnsureAsync(response, "establish", cancellationToken);
    }

    public async Task DeletePeeringAsync(string peerName, CancellationToken cancellationToken)
    {
        using var response = await Http.DeleteAsync($"/v1/peering/{peerName}", cancellationToken);
        await EnsureAsync(response, "delete peering", cancellationToken);
    }

    public Task WaitActiveAsync(string peerName, CancellationToken cancellationToken) =>
        WaitUntilAsync(
            async () =>
            {
                using var response = await Http.GetAsync($"/v1/peering/{peerName}", cancellationToken);
                return response.IsSuccessStatusCode &&
                    JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))?["State"]?.GetValue<string>() == "ACTIVE";
            },
            TimeSpan.FromSeconds(60),
            $"peering {peerName} is ACTIVE",
            cancellationToken);

    /// <summary>How many services this cluster holds from <paramref name="peer"/>.</summary>
    public async Task<int> ImportedServiceCountAsync(string peer, CancellationToken cancellationToken)
    {
        var services = JsonNode.Parse(await Http.GetStringAsync($"/v1/catalog/services?peer={peer}", cancellationToken)) as JsonObject;
        return services?.Count ?? 0;
    }

    /// <summary>
    /// <c>GET /v1/health/service/&lt;name&gt;?peer=</c>, blocking when <paramref name="index"/> is given:
    /// the answer's index and each instance's check statuses.
    /// </summary>
    public async Task<(ulong Index, List<string> Statuses, int Instances)> HealthAsync(
        string service, string peer, ulong? index, CancellationToken cancellationToken)
    {
        var path = index is { } i
            ? string.Create(CultureInfo.InvariantCulture, $"/v1/health/service/{service}?peer={peer}&index={i}&wait=20s")
            : $"/v1/health/service/{service}?peer={peer}";
        using var response = await Http.GetAsync(path, cancellationToken);
        await EnsureAsync(response, path, cancellationToken);
        var newIndex = ulong.Parse(response.Headers.GetValues("X-Consul-Index").First(), CultureInfo.InvariantCulture);
        var entries = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken)) as JsonArray ?? [];
        var statuses = entries
            .SelectMany(e => e?["Checks"] as JsonArray ?? [])
            .Select(c => c?["Status"]?.GetValue<string>() ?? "")
            .ToList();
        return (newIndex, statuses, entries.Count);
    }

    /// <summary>Polls <paramref name="condition"/> every 100 ms until it holds or <paramref name="timeout"/> passes.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out after {timeout.TotalSeconds:F0} s waiting until {what}");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    public ValueTask DisposeAsync() => Agent.DisposeAsync();
}
