using Parley.IntegrationTests.Agent;
using Parley.IntegrationTests.Config;
using Parley.Testing;

namespace Parley.IntegrationTests.Mesh;

/// <summary>
/// <c>parley connect proxy -sidecar-for</c> processes between two services of one cluster, configured only through the
/// agent: registrations with <c>Connect.SidecarService</c>, real HTTP through the caller's upstream listener, intentions
/// and central config followed live, a clean stop on SIGTERM.
/// </summary>
public sealed class SidecarProxyProcessTests(AgentFixture fixture) : IClassFixture<AgentFixture>
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(40);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Http => fixture.Http;

    [Fact]
    public async Task TwoSidecars_CarryHttp_FollowIntentions_AndStopCleanly()
    {
        await using var backend = await EchoBackend.StartAsync("backend", Ct);
        var (backendSidecar, frontendSidecar, upstream) = (FreePorts.Next(), FreePorts.Next(), FreePorts.Next());
        await Http.PutOkAsync("/v1/config", """{"Kind":"proxy-defaults","Name":"global","Config":{"protocol":"http"}}""", Ct);
        await Http.PutOkAsync("/v1/agent/service/register", $$"""
            {"ID":"backend","Name":"backend","Port":{{backend.Port}},"Connect":{"SidecarService":{"Port":{{backendSidecar}} } } }
            """, Ct);
        await Http.PutOkAsync("/v1/agent/service/register", $$"""
            {"ID":"frontend","Name":"frontend","Port":1,"Connect":{"SidecarService":{"Port":{{frontendSidecar}},
             "Proxy":{"Upstreams":[{"DestinationName":"backend","LocalBindPort":{{upstream}} }]} } } }
            """, Ct);

        await using var backendProxy = ConnectProxyProcess.Start(fixture.Agent.Address, "-sidecar-for", "backend");
        await using var frontendProxy = ConnectProxyProcess.Start(fixture.Agent.Address, "-sidecar-for", "frontend");
        using var app = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{upstream}"), Timeout = TimeSpan.FromSeconds(5) };

        // The backend sidecar becomes healthy once its listening check has run, then traffic flows.
        await Eventually.ReadAsync(() => CallAsync(app, "/hello"), r => r == "200 backend /hello", Settle,
            $"a call through both sidecars\nbackend proxy:\n{backendProxy.Output}\nfrontend proxy:\n{frontendProxy.Output}", Ct);

        await Http.PutOkAsync(
            "/v1/config",
            """{"Kind":"service-intentions","Name":"backend","Sources":[{"Name":"frontend","Action":"deny"}]}""",
            Ct);
        await Eventually.ReadAsync(() => CallAsync(app, "/"), r => r == "403 RBAC: access denied", Settle, "the deny taking effect", Ct);

        await Http.PutOkAsync(
            "/v1/config",
            """{"Kind":"service-intentions","Name":"backend","Sources":[{"Name":"frontend","Action":"allow"}]}""",
            Ct);
        await Eventually.ReadAsync(() => CallAsync(app, "/again"), r => r == "200 backend /again", Settle, "the allow taking effect", Ct);

        Assert.Equal(0, await frontendProxy.TerminateAsync(TimeSpan.FromSeconds(20), Ct));
        Assert.Equal(0, await backendProxy.TerminateAsync(TimeSpan.FromSeconds(20), Ct));
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => app.GetAsync("/", Ct));
    }

    [Fact]
    public async Task SidecarFor_UnknownService_FailsWithConsulsMessage()
    {
        var run = await ParleyCli.RunAsync(fixture.Agent.Address, Ct, "connect", "proxy", "-sidecar-for", "nosuch");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("No sidecar proxy registered for nosuch", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SidecarFor_TwoProxies_AsksForProxyId()
    {
        foreach (var id in new[] { "twin-a", "twin-b" })
        {
            await Http.PutOkAsync("/v1/agent/service/register", $$"""
                {"ID":"{{id}}","Name":"{{id}}","Kind":"connect-proxy","Port":{{FreePorts.Next()}},"Proxy":{"DestinationServiceName":"twin",
                 "DestinationServiceID":"twin"} }
                """, Ct);
        }

        var run = await ParleyCli.RunAsync(fixture.Agent.Address, Ct, "connect", "proxy", "-sidecar-for", "TWIN");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(
            "More than one sidecar proxy registered for TWIN.\n    Start proxy with -proxy-id and one of the following IDs: twin-a, twin-b",
            run.Error, StringComparison.Ordinal);
    }

    private static async Task<string> CallAsync(HttpClient app, string path)
    {
        try
        {
            using var response = await app.GetAsync(path, Ct);
            return $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return e.Message;
        }
    }
}
