using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Parley.Testing;
using Parley.Ui.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.Ui.Tests;

/// <summary>
/// The Peers pages against two real clusters: generate a token in cluster-01's UI, establish with it in
/// cluster-02's UI, read the list and the detail, and delete. None of this needs an open peer stream.
/// </summary>
public sealed class PeersPageTests(ChromiumFixture chromium) : UiTestBase(chromium)
{
    private TestAgent _one = null!;
    private TestAgent _two = null!;

    public override async ValueTask InitializeAsync()
    {
        _one = await StartClusterAsync("dc1");
        _two = await StartClusterAsync("dc2");
    }

    [Fact]
    public async Task GenerateToken_NameOfPeer_ShowsTokenOnceWithCopyButton()
    {
        var ui = await OpenAsync(_one);

        var token = await PeersUi.GenerateTokenAsync(ui, "cluster-02", "lb.example.test:8503");
        await ui.ScreenshotAsync("peers-generate-token");

        var decoded = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(token)))!;
        Assert.Equal(["lb.example.test:8503"], decoded["ManualServerAddresses"]!.AsArray().Select(a => a!.GetValue<string>()));
        var dialog = ui.Page.GetByRole(AriaRole.Dialog, new() { Name = "Add peer connection" });
        await Expect(dialog).ToContainTextAsync("You cannot view it again after leaving this screen.");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Copy token" }).ClickAsync();
        await Expect(dialog.GetByRole(AriaRole.Status)).ToHaveTextAsync("Copied to the clipboard.");
        Assert.Equal(token, await ui.Page.EvaluateAsync<string>("navigator.clipboard.readText()"));

        await dialog.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
        await Expect(PeersUi.StateBadge(ui.Page, "cluster-02")).ToHaveTextAsync("PENDING");
    }

    [Fact]
    public async Task Establish_WithTokenFromClusterOne_ListsThePeerOnBothSides()
    {
        var one = await OpenAsync(_one);
        var two = await OpenAsync(_two);
        var token = await PeersUi.GenerateTokenAsync(one, "cluster-02");

        await PeersUi.EstablishAsync(two, "cluster-01", token);

        // The dialer has exchanged the secret: ESTABLISHING until the stream opens, then ACTIVE.
        await Expect(PeersUi.StateBadge(two.Page, "cluster-01"))
            .ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(ESTABLISHING|ACTIVE)$"));
        var stored = await _two.Http.GetJsonAsync("/v1/peering/cluster-01");
        Assert.False(string.IsNullOrEmpty(stored!["PeerID"]?.GetValue<string>()));
        await two.ScreenshotAsync("peers-list-dialer");

        await one.GotoAsync("peers");
        await Expect(PeersUi.Row(one.Page, "cluster-02")).ToBeVisibleAsync();
        await one.ScreenshotAsync("peers-list-acceptor");
    }

    [Fact]
    public async Task Establish_ReusingAToken_ShowsTheApiErrorInTheDialog()
    {
        var one = await OpenAsync(_one);
        var two = await OpenAsync(_two);
        var token = await PeersUi.GenerateTokenAsync(one, "reused");
        await PeersUi.EstablishAsync(two, "reused-first", token);

        var dialog = await PeersUi.OpenEstablishAsync(two, "reused-second", token);

        var alert = dialog.GetByRole(AriaRole.Alert);
        await Expect(alert).ToContainTextAsync("a new peering token must be generated", new() { Timeout = 30_000 });
        await Expect(dialog).ToBeVisibleAsync();
        await two.ScreenshotAsync("peers-establish-error");
    }

    [Fact]
    public async Task Establish_WithMalformedToken_ShowsTheApiTextVerbatim()
    {
        var two = await OpenAsync(_two);
        using var direct = await _two.Http.PostAsync(
            "/v1/peering/establish",
            new StringContent("""{"PeerName":"bad-token","PeeringToken":"not-a-token"}""", Encoding.UTF8, "application/json"),
            TestContext.Current.CancellationToken);
        var apiText = (await direct.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Trim();
        Assert.False(direct.IsSuccessStatusCode);

        var dialog = await PeersUi.OpenEstablishAsync(two, "bad-token", "not-a-token");

        await Expect(dialog.GetByRole(AriaRole.Alert)).ToHaveTextAsync(apiText);
    }

    [Fact]
    public async Task StateBadge_HoverOrFocus_ShowsConsulsTooltip()
    {
        var one = await OpenAsync(_one);
        await PeersUi.GenerateTokenAsync(one, "tooltip-peer");
        await one.GotoAsync("peers");

        var badge = PeersUi.StateBadge(one.Page, "tooltip-peer");
        await badge.FocusAsync();

        var tooltip = one.Page.Locator("#" + await badge.GetAttributeAsync("aria-describedby"));
        await Expect(tooltip).ToBeVisibleAsync();
        await Expect(tooltip).ToHaveTextAsync("This peering connection has not been established yet.");
        await one.ScreenshotAsync("peers-tooltip");
    }

    [Fact]
    public async Task List_FilterByStateAndSearch_NarrowsTheRows()
    {
        var one = await OpenAsync(_one);
        var two = await OpenAsync(_two);
        await PeersUi.GenerateTokenAsync(one, "alpha");
        await PeersUi.GenerateTokenAsync(one, "beta");
        var token = await PeersUi.GenerateTokenAsync(one, "gamma");
        await PeersUi.EstablishAsync(two, "dialed", token);
        await two.GotoAsync("peers");
        await PeersUi.GenerateTokenAsync(two, "waiting");
        await two.GotoAsync("peers");

        await two.Page.GetByLabel("State").SelectOptionAsync("PENDING");
        await Expect(two.Page.Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(PeersUi.Row(two.Page, "waiting")).ToBeVisibleAsync();

        await two.Page.GetByLabel("State").SelectOptionAsync("");
        await one.GotoAsync("peers");
        await one.Page.GetByLabel("Search").FillAsync("alp");
        await Expect(one.Page.Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(one.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Showing" })).ToHaveTextAsync("Showing 1 of 3 peers");
    }

    [Fact]
    public async Task PeerDetail_Dialer_ShowsStatusTimesAndServerAddresses()
    {
        var one = await OpenAsync(_one);
        var two = await OpenAsync(_two);
        var token = await PeersUi.GenerateTokenAsync(one, "detail-acceptor");
        await PeersUi.EstablishAsync(two, "detail-dialer", token);

        await two.Page.GetByRole(AriaRole.Link, new() { Name = "detail-dialer", Exact = true }).ClickAsync();
        await Expect(two.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("detail-dialer");
        foreach (var label in new[] { "Status", "Latest heartbeat", "Latest receipt", "Latest send", "Remote datacenter" })
        {
            await Expect(two.Page.Locator("dl.bento dt", new() { HasTextString = label })).ToBeVisibleAsync();
        }

        await Expect(two.Page.Locator("dl.bento")).ToContainTextAsync("dc1");
        await Expect(two.Page.GetByRole(AriaRole.Button, new() { Name = "Regenerate token" })).ToHaveCountAsync(0);
        await two.ScreenshotAsync("peer-detail-dialer");

        await two.Page.GetByRole(AriaRole.Link, new() { Name = "Server addresses" }).ClickAsync();
        var stored = await _two.Http.GetJsonAsync("/v1/peering/detail-dialer");
        var address = stored!["PeerServerAddresses"]![0]!.GetValue<string>();
        await Expect(two.Page.GetByRole(AriaRole.List, new() { Name = "Server addresses of detail-dialer" })).ToContainTextAsync(address);
        Assert.EndsWith("/ui/peers/detail-dialer/addresses", two.Page.Url, StringComparison.Ordinal);
        await two.ScreenshotAsync("peer-detail-addresses");
    }

    [Fact]
    public async Task PeerDetail_Acceptor_OffersRegenerateTokenAndNoAddressesTab()
    {
        var one = await OpenAsync(_one);
        var first = await PeersUi.GenerateTokenAsync(one, "regen");
        await one.GotoAsync("peers/regen");

        await Expect(one.Page.GetByRole(AriaRole.Link, new() { Name = "Server addresses" })).ToHaveCountAsync(0);
        await one.Page.GetByRole(AriaRole.Button, new() { Name = "Regenerate token" }).ClickAsync();
        var dialog = one.Page.GetByRole(AriaRole.Dialog, new() { Name = "Regenerate token for regen" });
        await Expect(dialog.GetByLabel("Name of peer")).ToHaveValueAsync("regen");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Generate token" }).ClickAsync();
        var second = await dialog.GetByLabel("Peering token for regen").InputValueAsync();

        Assert.NotEqual(first, second);
        await one.ScreenshotAsync("peer-regenerate-token");
    }

    [Fact]
    public async Task Delete_FromMoreMenu_AsksThenDeletes()
    {
        var one = await OpenAsync(_one);
        await PeersUi.GenerateTokenAsync(one, "doomed");
        await one.GotoAsync("peers");
        await one.Page.GetByRole(AriaRole.Button, new() { Name = "More actions for doomed" }).ClickAsync();
        await one.Page.GetByRole(AriaRole.Menuitem, new() { Name = "Delete" }).ClickAsync();
        await one.ScreenshotAsync("peers-delete-confirm");
        await one.Page.GetByRole(AriaRole.Alertdialog).GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        Assert.NotNull(await _one.Http.GetJsonAsync("/v1/peering/doomed"));

        await PeersUi.DeleteAsync(one, "doomed");

        await Eventually.TrueAsync(
            async () => (await _one.Http.GetJsonAsync("/v1/peering/doomed"))?["State"]?.GetValue<string>() is null or "DELETING",
            Eventually.DefaultTimeout,
            "the peering is deleting or gone",
            TestContext.Current.CancellationToken);

        // The list shows DELETING at once (as Consul's UI does), and drops the row when the record goes.
        // One locator, so each poll sees one DOM: reading the badge after counting the row raced with the
        // row's removal and then waited out the default timeout on a row that had gone.
        var rowNotDeleting = PeersUi.Row(one.Page, "doomed").Filter(new()
        {
            HasNot = one.Page.Locator(".badge.state", new() { HasTextString = "DELETING" }),
        });
        await Expect(rowNotDeleting).ToHaveCountAsync(0, new() { Timeout = 30_000 });
    }

    [Fact]
    public async Task MoreMenu_Keyboard_OpensMovesAndClosesWithEscape()
    {
        var one = await OpenAsync(_one);
        await PeersUi.GenerateTokenAsync(one, "keys");
        await one.GotoAsync("peers");
        var more = one.Page.GetByRole(AriaRole.Button, new() { Name = "More actions for keys" });

        await more.FocusAsync();
        await one.Page.Keyboard.PressAsync("Enter");
        await Expect(one.Page.GetByRole(AriaRole.Menuitem, new() { Name = "View" })).ToBeFocusedAsync();
        await one.Page.Keyboard.PressAsync("ArrowDown");
        await Expect(one.Page.GetByRole(AriaRole.Menuitem, new() { Name = "Regenerate token" })).ToBeFocusedAsync();
        await one.Page.Keyboard.PressAsync("Escape");

        await Expect(one.Page.GetByRole(AriaRole.Menu)).ToBeHiddenAsync();
        await Expect(more).ToBeFocusedAsync();
        await Expect(more).ToHaveAttributeAsync("aria-expanded", "false");
    }
}
