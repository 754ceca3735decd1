using Microsoft.Playwright;
using Parley.Testing;
using Parley.Ui.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.Ui.Tests;

/// <summary>The Services list and a service's detail page against a real agent.</summary>
public sealed class ServicesPageTests(ChromiumFixture chromium) : UiTestBase(chromium)
{
    private TestAgent _agent = null!;

    public override async ValueTask InitializeAsync()
    {
        _agent = await StartClusterAsync("dc1");
        await _agent.Http.RegisterServiceAsync("web", "web-1", 8080, "passing", null, "v1");
        await _agent.Http.RegisterServiceAsync(
            "web",
            "web-2",
            8081,
            "critical",
            "HTTP GET http://127.0.0.1:8081/health: 500 Internal Server Error",
            "v2");
        await _agent.Http.RegisterServiceAsync("api", "api-1", 9090, "warning", "slow responses", "grpc");
    }

    private static ILocator ServiceRow(IPage page, string name) =>
        page.Locator("tbody tr").Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }) });

    [Fact]
    public async Task List_ShowsInstanceCountsAndHealthAtAGlance()
    {
        var ui = await OpenAsync(_agent);

        await ui.GotoAsync("services");

        var web = ServiceRow(ui.Page, "web");
        await Expect(web).ToContainTextAsync("1 passing");
        await Expect(web).ToContainTextAsync("1 critical");
        await Expect(web.Locator("td.num")).ToHaveTextAsync("2");
        await Expect(web).ToContainTextAsync("local");
        await Expect(ServiceRow(ui.Page, "api")).ToContainTextAsync("1 warning");
        await ui.ScreenshotAsync("services-list");
    }

    [Fact]
    public async Task List_FilterByHealthAndSearch_NarrowsTheRows()
    {
        var ui = await OpenAsync(_agent);
        await ui.GotoAsync("services");
        await Expect(ServiceRow(ui.Page, "api")).ToBeVisibleAsync();

        await ui.Page.GetByLabel("Health").SelectOptionAsync("warning");
        await Expect(ui.Page.Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(ServiceRow(ui.Page, "api")).ToBeVisibleAsync();

        await ui.Page.GetByLabel("Health").SelectOptionAsync("all");
        await ui.Page.GetByLabel("Search").FillAsync("v2");
        await Expect(ui.Page.Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(ServiceRow(ui.Page, "web")).ToBeVisibleAsync();
        Assert.Contains("q=v2", ui.Page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_ServiceRegisteredLater_AppearsWithoutReload()
    {
        var ui = await OpenAsync(_agent);
        await ui.GotoAsync("services");
        await Expect(ServiceRow(ui.Page, "web")).ToBeVisibleAsync();

        await _agent.Http.RegisterServiceAsync("billing", "billing-1", 7070);

        await Expect(ServiceRow(ui.Page, "billing")).ToBeVisibleAsync(new() { Timeout = 10_000 });
    }

    [Fact]
    public async Task Detail_ShowsInstancesAndCheckOutput()
    {
        var ui = await OpenAsync(_agent);
        await ui.GotoAsync("services");

        await ui.Page.GetByRole(AriaRole.Link, new() { Name = "web", Exact = true }).ClickAsync();

        await Expect(ui.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("web");
        var instances = ui.Page.GetByRole(AriaRole.Table, new() { Name = "Instances of web" });
        await Expect(instances.Locator("tbody tr")).ToHaveCountAsync(2);
        await Expect(instances).ToContainTextAsync("127.0.0.1:8081");
        var checks = ui.Page.GetByRole(AriaRole.Table, new() { Name = "Health checks of web" });
        await Expect(checks).ToContainTextAsync("HTTP GET http://127.0.0.1:8081/health: 500 Internal Server Error");
        await Expect(ui.Page.Locator("#svc-exports + *")).ToContainTextAsync("Not exported to any peer.");
        await ui.ScreenshotAsync("service-detail");
    }

    [Fact]
    public async Task Detail_CheckTurnsCritical_UpdatesLive()
    {
        var ui = await OpenAsync(_agent);
        await ui.GotoAsync("services/api");
        var checks = ui.Page.GetByRole(AriaRole.Table, new() { Name = "Health checks of api" });
        await Expect(checks).ToContainTextAsync("slow responses");

        await _agent.Http.SendAsync(HttpMethod.Put, "/v1/agent/check/update/api-1-ttl",
            new System.Text.Json.Nodes.JsonObject { ["Status"] = "critical", ["Output"] = "connection refused" });

        await Expect(checks).ToContainTextAsync("connection refused", new() { Timeout = 10_000 });
        await Expect(ui.Page.GetByRole(AriaRole.Table, new() { Name = "Instances of api" })).ToContainTextAsync("critical");
    }

    [Fact]
    public async Task Detail_ShowsSidecarUpstreamsAndWhoTheIntentionsAdmit()
    {
        await _agent.Http.SendAsync(HttpMethod.Put, "/v1/catalog/register", System.Text.Json.Nodes.JsonNode.Parse("""
            {"Node":"mesh-node","Address":"10.0.0.7","Service":{"Kind":"connect-proxy","ID":"web-1-sidecar-proxy",
             "Service":"web-sidecar-proxy","Port":21000,"Proxy":{"DestinationServiceName":"web","DestinationServiceID":"web-1",
             "LocalServiceAddress":"127.0.0.1","LocalServicePort":8080,"Upstreams":[
               {"DestinationName":"backend","DestinationPeer":"cluster-01","LocalBindPort":9191},
               {"DestinationName":"db","LocalBindPort":9292}]}}}
            """));
        await _agent.Http.SendAsync(HttpMethod.Put, "/v1/config", System.Text.Json.Nodes.JsonNode.Parse("""
            {"Kind":"service-intentions","Name":"web","Sources":[
              {"Name":"frontend","Peer":"cluster-02","Action":"allow"},{"Name":"*","Action":"deny"}]}
            """));
        var ui = await OpenAsync(_agent);

        await ui.GotoAsync("services/web");

        var sidecars = ui.Page.GetByRole(AriaRole.Table, new() { Name = "Sidecar proxies of web" });
        await Expect(sidecars).ToContainTextAsync("web-1-sidecar-proxy");
        await Expect(sidecars).ToContainTextAsync("10.0.0.7:21000");
        await Expect(sidecars).ToContainTextAsync("127.0.0.1:8080");
        var upstreams = ui.Page.GetByRole(AriaRole.Table, new() { Name = "Upstreams of web" });
        var backend = upstreams.Locator("tr").Filter(new() { HasText = "backend" });
        await Expect(backend).ToContainTextAsync("cluster-01");
        await Expect(backend).ToContainTextAsync("127.0.0.1:9191");
        await Expect(upstreams.Locator("tr").Filter(new() { HasText = "db" })).ToContainTextAsync("local");
        var intentions = ui.Page.GetByRole(AriaRole.Table, new() { Name = "Intentions that apply to web, highest precedence first" });
        await Expect(intentions.Locator("tr").Filter(new() { HasText = "frontend" })).ToContainTextAsync("cluster-02");
        await Expect(intentions.Locator("tr").Filter(new() { HasText = "frontend" })).ToContainTextAsync("allow");
        await Expect(intentions.Locator("tr").Filter(new() { HasText = "any service" })).ToContainTextAsync("deny");
        await ui.ScreenshotAsync("service-mesh");
    }

    [Fact]
    public async Task Detail_ServiceWithoutSidecar_SaysItIsNotInTheMesh()
    {
        var ui = await OpenAsync(_agent);

        await ui.GotoAsync("services/api");

        await Expect(ui.Page.Locator("#svc-mesh + *")).ToContainTextAsync("Not in the mesh");
    }
}
