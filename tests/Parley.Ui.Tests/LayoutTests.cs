using Microsoft.Playwright;
using Parley.Testing;
using Parley.Ui.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.Ui.Tests;

/// <summary>Readable on a narrow window, usable from the keyboard, and every control labelled.</summary>
public sealed class LayoutTests(ChromiumFixture chromium) : UiTestBase(chromium)
{
    private static readonly string[] Pages = ["services", "services/web", "peers", "peers/cluster-02", "exports", "intentions", "settings"];

    private TestAgent _agent = null!;

    public override async ValueTask InitializeAsync()
    {
        _agent = await StartClusterAsync("dc1");
        await _agent.Http.RegisterServiceAsync(
            "web",
            "web-1",
            8080,
            "critical",
            "HTTP GET http://127.0.0.1:8080/health: 503 Service Unavailable",
            "v1",
            "blue");
        await _agent.Http.SendAsync(
            HttpMethod.Post,
            "/v1/peering/token",
            new System.Text.Json.Nodes.JsonObject { ["PeerName"] = "cluster-02" });
    }

    [Fact]
    public async Task NarrowWindow_EveryPage_FitsWithoutSidewaysScrolling()
    {
        var ui = await OpenAsync(_agent, width: 390, height: 844);
        foreach (var path in Pages)
        {
            await ui.GotoAsync(path);
            await ui.Page.Locator("main table, main .empty, main form").First.WaitForAsync();

            await ui.ScreenshotAsync("narrow-" + path.Replace('/', '-'));
            var overflow = await ui.Page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
            var widest = await ui.Page.EvaluateAsync<string>(
                "[...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > innerWidth + 1).map(e => " +
                    "e.tagName + '.' + e.className).slice(-3).join(', ')");
            Assert.True(overflow <= 0, $"/ui/{path} is {overflow}px wider than a 390px window: {widest}");
            await Expect(ui.Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })).ToBeVisibleAsync();
        }
    }

    [Fact]
    public async Task EveryPage_EveryControl_HasAnAccessibleName()
    {
        var ui = await OpenAsync(_agent);
        foreach (var path in Pages)
        {
            await ui.GotoAsync(path);
            await ui.Page.Locator("main table, main .empty, main form").First.WaitForAsync();

            var unlabelled = await ui.Page.EvaluateAsync<string[]>("""
                () => [...document.querySelectorAll('input, select, textarea, button, a[href]')]
                  .filter(el => el.offsetParent !== null || el.getClientRects().length > 0)
                  .filter(el => {
                    const named = el.getAttribute('aria-label') || el.getAttribute('aria-labelledby')
                      || (el.labels && el.labels.length > 0) || (el.textContent || '').trim().length > 0 || el.getAttribute('title');
                    return !named;
                  })
                  .map(el => el.outerHTML.slice(0, 120))
                """);
            Assert.True(unlabelled.Length == 0, $"/ui/{path} has controls without a name:\n" + string.Join("\n", unlabelled));
        }
    }

    [Fact]
    public async Task Keyboard_SkipLinkThenNavigation_ReachesPeers()
    {
        var ui = await OpenAsync(_agent);
        await ui.GotoAsync("services");

        await ui.Page.Keyboard.PressAsync("Tab");
        await Expect(ui.Page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" })).ToBeFocusedAsync();
        var peers = ui.Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Peers" });
        for (var i = 0; i < 6 && !await peers.EvaluateAsync<bool>("el => el === document.activeElement"); i++)
        {
            await ui.Page.Keyboard.PressAsync("Tab");
        }

        await Expect(peers).ToBeFocusedAsync();
        await ui.Page.Keyboard.PressAsync("Enter");

        var heading = ui.Page.GetByRole(AriaRole.Heading, new() { Level = 1 });
        await Expect(heading).ToHaveTextAsync("Peers");
        await Expect(heading).ToBeFocusedAsync();
        await Expect(peers).ToHaveAttributeAsync("aria-current", "page");
    }

    [Fact]
    public async Task AddPeerDialog_Keyboard_ArrowsSwitchTabsAndEscapeCloses()
    {
        var ui = await OpenAsync(_agent);
        await ui.GotoAsync("peers");
        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Add peer connection" }).First.ClickAsync();
        var dialog = ui.Page.GetByRole(AriaRole.Dialog, new() { Name = "Add peer connection" });

        await dialog.GetByRole(AriaRole.Tab, new() { Name = "Generate token" }).FocusAsync();
        await ui.Page.Keyboard.PressAsync("ArrowRight");

        var establish = dialog.GetByRole(AriaRole.Tab, new() { Name = "Establish peering" });
        await Expect(establish).ToBeFocusedAsync();
        await Expect(establish).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(dialog.GetByRole(AriaRole.Tabpanel, new() { Name = "Establish peering" }).GetByLabel("Token")).ToBeVisibleAsync();
        await ui.Page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(ui.Page.GetByRole(AriaRole.Button, new() { Name = "Add peer connection" }).First).ToBeFocusedAsync();
    }

    [Fact]
    public async Task UnknownPath_ShowsNotFoundInsideTheShell()
    {
        var ui = await OpenAsync(_agent);

        await ui.GotoAsync("no/such/page");

        await Expect(ui.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Page not found");
        await Expect(ui.Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })).ToBeVisibleAsync();
    }
}
