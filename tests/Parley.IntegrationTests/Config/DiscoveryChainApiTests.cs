using System.Net;
using System.Text.Json.Nodes;
using Parley.Testing;

namespace Parley.IntegrationTests.Config;

/// <summary><c>/v1/discovery-chain/:service</c> against a real agent, with the peering document's L7 example.</summary>
public sealed class DiscoveryChainApiTests : IAsyncLifetime
{
    private TestAgent _agent = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Http => _agent.Http;

    public async ValueTask InitializeAsync()
    {
        _agent = await TestAgent.StartAsync(cancellationToken: Ct);
        await Http.WaitForCaAsync(Ct);
    }

    public async ValueTask DisposeAsync() => await _agent.DisposeAsync();

    [Fact]
    public async Task NoEntries_DefaultTcpChainToTheLocalDatacenter()
    {
        var answer = await Http.GetAnswerAsync("/v1/discovery-chain/api", Ct);

        var chain = answer.Ok<JsonObject>()["Chain"]!;
        Assert.Equal(
            ("api", "default", "default", "dc1"),
            ((string?)chain["ServiceName"], (string?)chain["Namespace"], (string?)chain["Partition"], (string?)chain["Datacenter"]));
        Assert.Equal(("tcp", "resolver:api.default.default.dc1"), ((string?)chain["Protocol"], (string?)chain["StartNode"]));
        var target = chain["Targets"]!["api.default.default.dc1"]!;
        Assert.StartsWith("api.default.dc1.internal.", (string?)target["SNI"], StringComparison.Ordinal);
        Assert.EndsWith(".consul", (string?)target["SNI"], StringComparison.Ordinal);
        Assert.True(answer.Index > 0);
    }

    [Fact]
    public async Task PeeringDocumentExample_SplitsBetweenLocalAndPeer_FailsOverToThePeer()
    {
        await Http.WriteEntryAsync("""{"Kind":"proxy-defaults","Name":"global","Config":{"protocol":"http"}}""", Ct);
        await Http.WriteEntryAsync("""
            {"Kind":"service-resolver","Name":"frontend","ConnectTimeout":"15s","Failover":{"*":{"Targets":[{"Peer":"cluster-02"}]}}}
            """, Ct);
        await Http.WriteEntryAsync(
            """{"Kind":"service-resolver","Name":"frontend-peer","Redirect":{"Service":"frontend","Peer":"cluster-02"}}""",
            Ct);
        await Http.WriteEntryAsync(
            """{"Kind":"service-splitter","Name":"frontend","Splits":[{"Weight":50},{"Weight":50,"Service":"frontend-peer"}]}""",
            Ct);

        var chain = (await Http.GetAnswerAsync("/v1/discovery-chain/frontend", Ct)).Ok<JsonObject>()["Chain"]!;

        Assert.Equal("http", (string?)chain["Protocol"]);
        Assert.Equal("splitter:frontend.default.default", (string?)chain["StartNode"]);
        var splits = chain["Nodes"]!["splitter:frontend.default.default"]!["Splits"]!.AsArray();
        Assert.Equal(
            ["resolver:frontend.default.default.dc1", "resolver:frontend.default.default.external.cluster-02"],
            splits.Select(s => (string)s!["NextNode"]!).Order(StringComparer.Ordinal));
        Assert.All(splits, s => Assert.Equal(50, (double)s!["Weight"]!));

        var local = chain["Nodes"]!["resolver:frontend.default.default.dc1"]!["Resolver"]!;
        Assert.Equal("15s", (string?)local["ConnectTimeout"]);
        Assert.Equal(["frontend.default.default.external.cluster-02"], local["Failover"]!["Targets"]!.AsArray().Select(t => (string)t!));

        var peer = chain["Targets"]!["frontend.default.default.external.cluster-02"]!;
        Assert.Equal(("frontend", "cluster-02"), ((string?)peer["Service"], (string?)peer["Peer"]));
        Assert.Null(peer["Datacenter"]);
        Assert.Null(peer["SNI"]);
    }

    [Fact]
    public async Task Post_Overrides_ChangeProtocolTimeoutAndGatewayMode()
    {
        await Http.WriteEntryAsync("""{"Kind":"proxy-defaults","Name":"global","Config":{"protocol":"http"}}""", Ct);
        await Http.WriteEntryAsync("""{"Kind":"service-splitter","Name":"web","Splits":[{"Weight":100}]}""", Ct);

        var answer = await Http.PostAnswerAsync("/v1/discovery-chain/web", """
            {"OverrideConnectTimeout":"7s","OverrideProtocol":"tcp","OverrideMeshGateway":{"Mode":"remote"}}
            """, Ct);

        var chain = answer.Ok<JsonObject>()["Chain"]!;
        Assert.Equal(("tcp", "resolver:web.default.default.dc1"), ((string?)chain["Protocol"], (string?)chain["StartNode"]));
        var target = chain["Targets"]!["web.default.default.dc1"]!;
        Assert.Equal(("7s", "remote"), ((string?)target["ConnectTimeout"], (string?)target["MeshGateway"]!["Mode"]));
        Assert.Matches("^[0-9a-f]{8}$", (string?)chain["CustomizationHash"]);
    }

    [Fact]
    public async Task Post_BadOverrides_400()
    {
        var mode = await Http.PostAnswerAsync("/v1/discovery-chain/web", """{"OverrideMeshGateway":{"Mode":"sideways"}}""", Ct);
        Assert.Equal((HttpStatusCode.BadRequest, "Invalid OverrideMeshGateway.Mode parameter"), (mode.Status, mode.Body));

        var duration = await Http.PostAnswerAsync("/v1/discovery-chain/web", """{"OverrideConnectTimeout":"7"}""", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, duration.Status);
        Assert.StartsWith("Request decoding failed: ", duration.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompileDc_EvaluatesInThatDatacenter()
    {
        var chain = (await Http.GetAnswerAsync("/v1/discovery-chain/web?compile-dc=dc2", Ct)).Ok<JsonObject>()["Chain"]!;

        Assert.Equal(("dc2", "resolver:web.default.default.dc2"), ((string?)chain["Datacenter"], (string?)chain["StartNode"]));
    }

    [Fact]
    public async Task BlockingRead_WakesWhenAnEntryChanges()
    {
        var first = await Http.GetAnswerAsync("/v1/discovery-chain/web", Ct);
        first.Ok<JsonObject>();

        var blocked = Http.GetAnswerAsync($"/v1/discovery-chain/web?index={first.Index}&wait=30s", Ct);
        await Task.Delay(300, Ct);
        Assert.False(blocked.IsCompleted);
        await Http.WriteEntryAsync("""{"Kind":"service-resolver","Name":"web","ConnectTimeout":"3s"}""", Ct);

        var woken = await blocked.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.True(woken.Index > first.Index);
        Assert.Equal("3s", (string?)woken.Ok<JsonObject>()["Chain"]!["Targets"]!["web.default.default.dc1"]!["ConnectTimeout"]);
    }
}
