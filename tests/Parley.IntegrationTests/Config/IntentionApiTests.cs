using System.Net;
using System.Text.Json.Nodes;
using Parley.Testing;

namespace Parley.IntegrationTests.Config;

/// <summary>The intention read endpoints against a real agent, answered from <c>service-intentions</c> entries with peer sources.</summary>
public sealed class IntentionApiTests : IAsyncLifetime
{
    private TestAgent _agent = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Http => _agent.Http;

    public async ValueTask InitializeAsync()
    {
        _agent = await TestAgent.StartAsync(cancellationToken: Ct);

        // The peering document's intentions: frontend-service of cluster-02 may call backend-service; everything else
        // from cluster-03 is denied; locally, web is denied.
        await Http.WriteEntryAsync("""
            {"Kind":"service-intentions","Name":"backend-service","Sources":[
              {"Name":"frontend-service","Peer":"cluster-02","Action":"allow"},
              {"Name":"*","Peer":"cluster-03","Action":"deny"},
              {"Name":"web","Action":"deny"}]}
            """, Ct);
    }

    public async ValueTask DisposeAsync() => await _agent.DisposeAsync();

    [Theory]
    [InlineData("peer:cluster-02/frontend-service", true)]
    [InlineData("peer:cluster-02/default/frontend-service", true)]
    [InlineData("peer:cluster-03/frontend-service", false)]
    [InlineData("peer:cluster-03/anything", false)]
    [InlineData("frontend-service", true)]
    [InlineData("web", false)]
    [InlineData("peer:cluster-09/web", true)]
    public async Task Check_PeerAndLocalSources_FollowTheMatchingIntentionElseAllow(string source, bool allowed)
    {
        var answer = await Http.GetAnswerAsync(
            $"/v1/connect/intentions/check?source={Uri.EscapeDataString(source)}&destination=backend-service",
            Ct);

        Assert.Equal($$"""{"Allowed":{{(allowed ? "true" : "false")}}}""", answer.Ok<JsonObject>().ToJsonString());
    }

    [Fact]
    public async Task Exact_PeerSource_FoundWithSourcePeer_MissingIs404()
    {
        var intention =
            (await Http.GetAnswerAsync("/v1/connect/intentions/exact?source=peer:cluster-02/frontend-service&destination=backend-service",
            Ct))
            .Ok<JsonObject>();
        Assert.Equal(("cluster-02", "frontend-service", "backend-service", "allow"),
            (
                (string?)intention["SourcePeer"],
                (string?)intention["SourceName"],
                (string?)intention["DestinationName"],
                (string?)intention["Action"]));
        Assert.Equal(9, (int)intention["Precedence"]!);

        // The same name without the peer is a different (local) source, which has no intention.
        var local = await Http.GetAnswerAsync("/v1/connect/intentions/exact?source=frontend-service&destination=backend-service", Ct);
        Assert.Equal((HttpStatusCode.NotFound, "Intention not found"), (local.Status, local.Body));
    }

    [Fact]
    public async Task List_EveryIntentionByPrecedence()
    {
        var list = (await Http.GetAnswerAsync("/v1/connect/intentions", Ct)).Ok<JsonArray>();

        // Highest precedence first; equal precedences by source name.
        Assert.Equal(
            [("cluster-02", "frontend-service", 9), ("", "web", 9), ("cluster-03", "*", 8)],
            list.Select(i => ((string?)i!["SourcePeer"] ?? "", (string)i["SourceName"]!, (int)i["Precedence"]!)));
    }

    [Fact]
    public async Task Match_ByDestinationAndBySource()
    {
        var byDestination = (await Http.GetAnswerAsync("/v1/connect/intentions/match?by=destination&name=backend-service", Ct))
            .Ok<JsonObject>();
        Assert.Equal(3, byDestination["backend-service"]!.AsArray().Count);

        var bySource = (await Http.GetAnswerAsync("/v1/connect/intentions/match?by=source&name=web&name=nobody", Ct)).Ok<JsonObject>();
        Assert.Equal("backend-service", (string?)Assert.Single(bySource["web"]!.AsArray())!["DestinationName"]);
        Assert.Empty(bySource["nobody"]!.AsArray());

        // By source a name may be a peer's service: its own intention and the peer's wildcard, highest precedence first.
        var byPeerSource = (await Http.GetAnswerAsync("/v1/connect/intentions/match?by=source&name=peer:cluster-03/api", Ct))
            .Ok<JsonObject>();
        Assert.Equal(("*", "cluster-03"), ((string?)Assert.Single(byPeerSource["peer:cluster-03/api"]!.AsArray())!["SourceName"],
            (string?)byPeerSource["peer:cluster-03/api"]![0]!["SourcePeer"]));
    }

    [Fact]
    public async Task BadQueries_400WithConsulsTexts()
    {
        var cases = new (string Path, string Text)[]
        {
            ("/v1/connect/intentions/check?destination=backend-service", "required query parameter 'source' not set"),
            ("/v1/connect/intentions/check?source=web", "required query parameter 'destination' not set"),
            ("/v1/connect/intentions/match?name=web", "required query parameter 'by' not set"),
            ("/v1/connect/intentions/match?by=sideways&name=web", "'by' parameter must be one of 'source' or 'destination'"),
            (
                "/v1/connect/intentions/match?by=destination&name=peer:cluster-02/web",
                "name \"peer:cluster-02/web\" is invalid: cannot specify a peer here"),
            (
                "/v1/connect/intentions/exact?source=a/b/c/d&destination=web",
                "source \"a/b/c/d\" is invalid: input can contain at most two '/'"),
            (
                "/v1/connect/intentions/exact?source=peer:cluster-02&destination=web",
                "source \"peer:cluster-02\" is invalid: need to specify the service name as well"),
        };

        foreach (var (path, text) in cases)
        {
            var answer = await Http.GetAnswerAsync(path, Ct);
            Assert.Equal((HttpStatusCode.BadRequest, text), (answer.Status, answer.Body));
        }
    }
}
