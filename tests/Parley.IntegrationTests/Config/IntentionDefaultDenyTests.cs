using System.Text.Json.Nodes;
using Parley.Testing;

namespace Parley.IntegrationTests.Config;

/// <summary>
/// An agent with <c>default_intention_policy = "deny"</c>: a call no intention matches is refused by the check endpoint
/// and by <c>/v1/agent/connect/authorize</c> alike, while an allow intention still admits its source.
/// </summary>
public sealed class IntentionDefaultDenyTests : IAsyncLifetime
{
    private TestAgent _agent = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _agent = await TestAgent.StartAsync(c => c with { DefaultIntentionPolicy = "deny" }, cancellationToken: Ct);
        await _agent.Http.WriteEntryAsync("""
            {"Kind":"service-intentions","Name":"backend","Sources":[{"Name":"web","Action":"allow"}]}
            """, Ct);
    }

    public async ValueTask DisposeAsync() => await _agent.DisposeAsync();

    [Theory]
    [InlineData("web", true)]
    [InlineData("billing", false)]
    [InlineData("peer:cluster-02/web", false)]
    public async Task Check_NoMatchingIntention_FollowsTheAgentsDefault(string source, bool allowed)
    {
        var answer = await _agent.Http.GetAnswerAsync(
            $"/v1/connect/intentions/check?source={Uri.EscapeDataString(source)}&destination=backend",
            Ct);

        Assert.Equal(allowed, (bool)answer.Ok<JsonObject>()["Allowed"]!);
    }

    [Fact]
    public async Task Authorize_NoMatchingIntention_DeniedWithTheDefaultAsReason()
    {
        var trustDomain = await TrustDomainAsync();
        var answer = await AuthorizeAsync($"spiffe://{trustDomain}/ns/default/dc/dc1/svc/billing");

        Assert.False((bool)answer["Authorized"]!);
        Assert.Contains("deny", (string?)answer["Reason"]);
    }

    [Fact]
    public async Task Authorize_AllowIntention_StillAdmits()
    {
        var trustDomain = await TrustDomainAsync();
        var answer = await AuthorizeAsync($"spiffe://{trustDomain}/ns/default/dc/dc1/svc/web");

        Assert.True((bool)answer["Authorized"]!);
    }

    private async Task<string> TrustDomainAsync()
    {
        var roots = (await _agent.Http.GetAnswerAsync("/v1/agent/connect/ca/roots", Ct)).Ok<JsonObject>();
        return (string)roots["TrustDomain"]!;
    }

    private async Task<JsonObject> AuthorizeAsync(string uri)
    {
        using var content = new StringContent($$"""{"Target":"backend","ClientCertURI":"{{uri}}","ClientCertSerial":"01"}""");
        using var response = await _agent.Http.PostAsync("/v1/agent/connect/authorize", content, Ct);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!.AsObject();
    }
}
