using System.Net;
using System.Text.Json.Nodes;
using Parley.IntegrationTests.Peering;
using Parley.Testing;

namespace Parley.IntegrationTests.Mesh;

/// <summary>
/// Two real peered clusters, a gateway and a sidecar in each (parley connect proxy processes): a call from
/// cluster-02's frontend reaches cluster-01's backend through both gateways (mesh gateway mode local); stopping either
/// gateway breaks the path and starting it again heals it, with no request lost under load once it is back.
/// </summary>
public sealed class MeshGatewayPathTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ACallCrossesBothGateways_AndFollowsThemGoingAndComingBack()
    {
        await using var exporter = await PeeringCluster.StartAsync(c => c with { Datacenter = "dc1" }, cancellationToken: Ct);
        await using var importer = await PeeringCluster.StartAsync(c => c with { Datacenter = "dc2" }, cancellationToken: Ct);
        await PeeringSteps.PeerAsync(exporter, "cluster-02", importer, "cluster-01");
        foreach (var cluster in new[] { exporter, importer })
        {
            await cluster.Client.ConfigEntries.SetAsync(
                new JsonObject { ["Kind"] = "proxy-defaults", ["Name"] = "global", ["Config"] = new JsonObject { ["protocol"] = "http" } },
                cancellationToken: Ct);
        }

        await exporter.ExportAsync("backend", "cluster-02", Ct);
        await using var backend = await EchoBackend.StartAsync("backend@cluster-01", Ct);
        var backendSidecarPort = FreePorts.Next();
        await RegisterAsync(exporter, """
            {"ID":"backend","Name":"backend","Port":APP,"Connect":{"SidecarService":{"Port":SIDECAR}}}
            """.Replace("APP", $"{backend.Port}", StringComparison.Ordinal)
            .Replace("SIDECAR", $"{backendSidecarPort}", StringComparison.Ordinal));
        var upstreamPort = FreePorts.Next();
        await RegisterAsync(importer, """
            {"ID":"frontend","Name":"frontend","Port":1,"Connect":{"SidecarService":{"Port":SIDECAR,"Proxy":{"Upstreams":[
              {"DestinationName":"backend","DestinationPeer":"cluster-01","LocalBindPort":UPSTREAM,"MeshGateway":{"Mode":"local"}}]}}}}
            """.Replace("SIDECAR", $"{FreePorts.Next()}", StringComparison.Ordinal)
            .Replace("UPSTREAM", $"{upstreamPort}", StringComparison.Ordinal));
        await using var backendSidecar = ConnectProxyProcess.Start(exporter.Agent.Address, "-sidecar-for", "backend");
        await using var frontendSidecar = ConnectProxyProcess.Start(
            importer.Agent.Address,
            "-sidecar-for",
            "frontend",
            "-log-level",
            "debug");

        var exportingPort = FreePorts.Next();
        var importingPort = FreePorts.Next();
        var exporting = ConnectProxyProcess.StartGateway(exporter.Agent.Address, exportingPort);
        var importing = ConnectProxyProcess.StartGateway(importer.Agent.Address, importingPort);
        try
        {
            using var app = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{upstreamPort}"), Timeout = TimeSpan.FromSeconds(5) };
            await AnswersAsync(
                app, "the call reaches cluster-01's backend through both gateways", () => exporting.Output + importing.Output);

            // Each gateway stops and comes back while four callers keep sending: once a request is through again,
            // none that starts afterwards is lost.
            await using var load = new LoadLoop(app.BaseAddress, callers: 4);
            await exporting.DisposeAsync();
            await RefusedAsync(app, "no path without cluster-01's gateway");
            exporting = ConnectProxyProcess.StartGateway(exporter.Agent.Address, exportingPort);
            await AnswersAsync(app, "the path heals when cluster-01's gateway is back", () => exporting.Output);
            await HealedUnderLoadAsync(
                load, () => $"cluster-02's gateway:\n{importing.Output}\nfrontend's sidecar:\n{frontendSidecar.Output}");

            load.ExpectFailures();
            await importing.DisposeAsync();
            await RefusedAsync(app, "no path without cluster-02's gateway (mode local)");
            importing = ConnectProxyProcess.StartGateway(importer.Agent.Address, importingPort);
            await AnswersAsync(app, "the path heals when cluster-02's gateway is back", () => importing.Output);
            await HealedUnderLoadAsync(
                load, () => $"cluster-02's gateway:\n{importing.Output}\nfrontend's sidecar:\n{frontendSidecar.Output}");
        }
        finally
        {
            await exporting.DisposeAsync();
            await importing.DisposeAsync();
        }
    }

    private static async Task HealedUnderLoadAsync(LoadLoop load, Func<string> logs)
    {
        await load.MarkHealedAsync(TimeSpan.FromSeconds(30), Ct);
        var start = load.AfterHeal;
        await Eventually.TrueAsync(() => Task.FromResult((load.AfterHeal >= start + 200, $"{load.AfterHeal - start} requests")),
            Eventually.DefaultTimeout, "200 requests after the heal", Ct);
        Assert.True(load.Lost.Count == 0, $"lost after the heal: {string.Join(" | ", load.Lost)}\n{logs()}");
    }

    private static async Task RegisterAsync(PeeringCluster cluster, string json)
    {
        using var response = await cluster.Agent.Http.PutAsync("/v1/agent/service/register", new StringContent(json), Ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    private static Task AnswersAsync(HttpClient app, string what, Func<string> logs) =>
        Eventually.TrueAsync(
            async () =>
            {
                using var response = await app.GetAsync("/hello", Ct);
                var body = await response.Content.ReadAsStringAsync(Ct);
                return (
                    response.StatusCode == HttpStatusCode.OK && body == "backend@cluster-01 /hello",
                    $"{(int)response.StatusCode} {body}\n{logs()}");
            },
            TimeSpan.FromSeconds(60),
            what, Ct);

    private static Task RefusedAsync(HttpClient app, string what) =>
        Eventually.TrueAsync(
            async () =>
            {
                try
                {
                    using var response = await app.GetAsync("/hello", Ct);
                    return (response.StatusCode != HttpStatusCode.OK, $"{(int)response.StatusCode}");
                }
                catch (HttpRequestException e)
                {
                    return (true, e.Message);
                }
            },
            Eventually.DefaultTimeout,
            what, Ct);
}
