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
        await _agent.Http.RegisterServiceAsync("web", "web-2", 8081, "critical", "HTTP GET http://127.0.0.1:8081/health: 500 Internal Server Error", "v2");
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
}
