using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Parley.Ui.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.Ui.Tests;

/// <summary>
/// The whole peering document done in the browser alone, over a live peer stream between two real clusters:
/// peer, see both ACTIVE, import, export from the editor, authorize the peer, delete, see TERMINATED.
/// </summary>
public sealed class PeeringEndToEndTests(ChromiumFixture chromium) : UiTestBase(chromium)
{
    private static ILocator ServiceRow(IPage page, string name) =>
        page.Locator("tbody tr").Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }) });

    [Fact]
    public async Task TwoClusters_PeerExportAuthorizeAndDelete_FromTheBrowser()
    {
        var clusterOne = await StartClusterAsync("dc1");
        var clusterTwo = await StartClusterAsync("dc2");
        await clusterOne.Http.RegisterServiceAsync("api", "api-1", 9090, "passing", null, "v1");
        await clusterOne.Http.RegisterServiceAsync("billing", "billing-1", 7070, "warning", "queue is long");
        var one = await OpenAsync(clusterOne);
        var two = await OpenAsync(clusterTwo);

        // 1. cluster-01: Peers → Add peer connection → Generate token (Name of peer: cluster-02) → copy.
        var token = await PeersUi.GenerateTokenAsync(one, "cluster-02");

        // 2. cluster-02: Peers → Add peer connection → Establish peering (cluster-01, token) → Add peer.
        await PeersUi.EstablishAsync(two, "cluster-01", token);

        // 3. Both sides report ACTIVE once the stream is open.
        await Expect(PeersUi.StateBadge(two.Page, "cluster-01")).ToHaveTextAsync("ACTIVE", new() { Timeout = 30_000 });
        await one.GotoAsync("peers");
        await Expect(PeersUi.StateBadge(one.Page, "cluster-02")).ToHaveTextAsync("ACTIVE", new() { Timeout = 30_000 });
        await one.ScreenshotAsync("e2e-1-acceptor-active");
        await two.ScreenshotAsync("e2e-1-dialer-active");

        // 4. Export api the way the document does (a config entry written outside the UI); cluster-02 shows it
        //    with its peer badge.
        await clusterOne.Http.SendAsync(HttpMethod.Put, "/v1/config", JsonNode.Parse("""
            {"Kind":"exported-services","Name":"default","Services":[{"Name":"api","Consumers":[{"Peer":"cluster-02"}]}]}
            """));
        await two.GotoAsync("services");
        var importedApi = ServiceRow(two.Page, "api");
        await Expect(importedApi.Locator(".badge.peer")).ToContainTextAsync("cluster-01", new() { Timeout = 30_000 });
        await Expect(importedApi).ToContainTextAsync("1 passing");
        await two.Page.GetByLabel("Source").SelectOptionAsync("peer:cluster-01");
        await Expect(two.Page.Locator("tbody tr")).ToHaveCountAsync(1);
        await two.ScreenshotAsync("e2e-2-imported-service");

        // 5. cluster-01's Exports editor exports billing too; cluster-02's open Services page shows it without a reload.
        await two.Page.GetByLabel("Source").SelectOptionAsync("all");
        await one.GotoAsync("exports");
        await one.Page.GetByRole(AriaRole.Checkbox, new() { Name = "Export billing to cluster-02", Exact = true }).CheckAsync();
        await one.Page.GetByRole(AriaRole.Button, new() { Name = "Save exports" }).ClickAsync();
        await Expect(one.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Saved" })).ToHaveTextAsync("Saved.");
        await one.ScreenshotAsync("e2e-3-exports-editor");
        var importedBilling = ServiceRow(two.Page, "billing");
        await Expect(importedBilling.Locator(".badge.peer")).ToContainTextAsync("cluster-01", new() { Timeout = 30_000 });
        await Expect(importedBilling).ToContainTextAsync("1 warning");
        await two.ScreenshotAsync("e2e-3-second-import");

        // The imported service's detail page shows its instance and flattened health from the peer.
        await two.Page.GetByRole(AriaRole.Link, new() { Name = "billing", Exact = true }).ClickAsync();
        await Expect(two.Page.GetByRole(AriaRole.Table, new() { Name = "Instances of billing" }).Locator("tbody tr")).ToHaveCountAsync(1);
        await two.ScreenshotAsync("e2e-3-imported-detail");

        // The peer's detail page on cluster-02 lists both imported services.
        await two.GotoAsync("peers/cluster-01");
        await Expect(two.Page.GetByRole(AriaRole.Table, new() { Name = "Services imported from cluster-01" }).Locator("tbody tr"))
            .ToHaveCountAsync(2, new() { Timeout = 15_000 });
        await Expect(two.Page.Locator("dl.bento")).ToContainTextAsync("dc1");
        await two.ScreenshotAsync("e2e-4-peer-detail-imported");
        await one.GotoAsync("peers/cluster-02/exported-services");
        await Expect(one.Page.GetByRole(AriaRole.Table, new() { Name = "Services exported to cluster-02" })).ToContainTextAsync("billing");
        await one.ScreenshotAsync("e2e-4-peer-detail-exported");

        // 6. cluster-01 authorizes cluster-02's frontend to call api.
        await one.GotoAsync("intentions");
        var form = one.Page.GetByRole(AriaRole.Region, new() { Name = "Add or change an intention" });
        await form.GetByLabel("Source service").FillAsync("frontend");
        await form.GetByLabel("Source peer").SelectOptionAsync("cluster-02");
        await form.GetByLabel("Destination service").FillAsync("api");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save intention" }).ClickAsync();
        await Expect(one.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Saved" }))
            .ToHaveTextAsync("Saved: frontend in peer cluster-02 → api, allow.");
        var entry = await clusterOne.Http.GetJsonAsync("/v1/config/service-intentions/api");
        Assert.Equal("cluster-02", entry!["Sources"]![0]!["Peer"]!.GetValue<string>());
        await one.ScreenshotAsync("e2e-5-intention");

        // 7. cluster-01 deletes the peering from its UI; cluster-02's open Peers page turns TERMINATED.
        await two.GotoAsync("peers");
        await PeersUi.DeleteAsync(one, "cluster-02");
        await Expect(PeersUi.StateBadge(two.Page, "cluster-01")).ToHaveTextAsync("TERMINATED", new() { Timeout = 30_000 });
        await two.ScreenshotAsync("e2e-6-terminated");
        var terminated = PeersUi.StateBadge(two.Page, "cluster-01");
        await terminated.FocusAsync();
        await Expect(two.Page.Locator("#" + await terminated.GetAttributeAsync("aria-describedby")))
            .ToHaveTextAsync("Someone in the other peer may have deleted this peering connection.");

        // What cluster-02 imported from the deleted peer goes away.
        await two.GotoAsync("services");
        await Expect(two.Page.Locator("tbody .badge.peer")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
    }
}
