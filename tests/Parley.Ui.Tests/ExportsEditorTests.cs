using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Parley.Testing;
using Parley.Ui.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.Ui.Tests;

/// <summary>The Exports editor writing the <c>exported-services</c> entry with check-and-set.</summary>
public sealed class ExportsEditorTests(ChromiumFixture chromium) : UiTestBase(chromium)
{
    private TestAgent _agent = null!;

    public override async ValueTask InitializeAsync()
    {
        _agent = await StartClusterAsync("dc1");
        await _agent.Http.RegisterServiceAsync("web", "web-1", 8080);
        await _agent.Http.RegisterServiceAsync("api", "api-1", 9090);
        await _agent.Http.SendAsync(HttpMethod.Post, "/v1/peering/token", new JsonObject { ["PeerName"] = "cluster-02" });
        await _agent.Http.SendAsync(HttpMethod.Post, "/v1/peering/token", new JsonObject { ["PeerName"] = "cluster-03" });
    }

    private static ILocator Box(IPage page, string service, string peer) =>
        page.GetByRole(AriaRole.Checkbox, new() { Name = $"Export {service} to {peer}", Exact = true });

    private async Task<Dictionary<string, string[]>> ExportsAsync()
    {
        var entry = await _agent.Http.GetJsonAsync("/v1/config/exported-services/default");
        return entry?["Services"]?.AsArray().ToDictionary(
            s => s!["Name"]!.GetValue<string>(),
            s => s!["Consumers"]!.AsArray().Select(c => c!["Peer"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToArray()) ?? [];
    }

    [Fact]
    public async Task Save_TickedBoxes_WritesTheEntry()
    {
        var ui = await OpenAsync(_agent);
        await ui.GotoAsync("exports");

        await Box(ui.Page, "web", "cluster-02").CheckAsync();
        await Box(ui.Page, "web", "cluster-03").CheckAsync();
        await Box(ui.Page, "api", "cluster-03").CheckAsync();
        await Expect(ui.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Unsaved" })).ToHaveTextAsync("Unsaved changes.");
        await ui.ScreenshotAsync("exports-editing");
        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Save exports" }).ClickAsync();

        await Expect(ui.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Saved" })).ToHaveTextAsync("Saved.");
        var exports = await ExportsAsync();
        Assert.Equal(["cluster-02", "cluster-03"], exports["web"]);
        Assert.Equal(["cluster-03"], exports["api"]);
        await Expect(ui.Page.GetByRole(AriaRole.Button, new() { Name = "Save exports" })).ToBeDisabledAsync();
        await ui.ScreenshotAsync("exports-saved");
    }

    [Fact]
    public async Task Save_Unticking_RemovesTheServiceFromTheEntry()
    {
        await _agent.Http.SendAsync(HttpMethod.Put, "/v1/config", JsonNode.Parse("""
            {"Kind":"exported-services","Name":"default","Services":[
              {"Name":"web","Consumers":[{"Peer":"cluster-02"}]},{"Name":"api","Consumers":[{"Peer":"cluster-02"}]}]}
            """));
        var ui = await OpenAsync(_agent);
        await ui.GotoAsync("exports");
        await Expect(Box(ui.Page, "web", "cluster-02")).ToBeCheckedAsync();

        await Box(ui.Page, "web", "cluster-02").UncheckAsync();
        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Save exports" }).ClickAsync();

        await Expect(ui.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Saved" })).ToHaveTextAsync("Saved.");
        var exports = await ExportsAsync();
        Assert.False(exports.ContainsKey("web"));
        Assert.Equal(["cluster-02"], exports["api"]);
    }

    [Fact]
    public async Task Save_AfterSomeoneElseChangedTheEntry_ShowsTheConflictAndWritesNothing()
    {
        var ui = await SaveAfterSomeoneElseWroteAsync();

        var conflict = ui.Page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Not saved" });
        await Expect(conflict).ToContainTextAsync("Not saved: the exports changed since you loaded them");
        await Expect(conflict).ToContainTextAsync("Their version: api → cluster-03");
        await Expect(conflict).ToContainTextAsync("Your version: web → cluster-02");
        await ui.ScreenshotAsync("exports-conflict");
        var exports = await ExportsAsync();
        Assert.Equal(["api"], exports.Keys);

        await conflict.GetByRole(AriaRole.Button, new() { Name = "Discard mine and load theirs" }).ClickAsync();
        await Expect(Box(ui.Page, "api", "cluster-03")).ToBeCheckedAsync();
        await Expect(Box(ui.Page, "web", "cluster-02")).Not.ToBeCheckedAsync();
        await Expect(conflict).ToBeHiddenAsync();
    }

    [Fact]
    public async Task SaveMineOverTheirs_AfterAConflict_WritesMine()
    {
        var ui = await SaveAfterSomeoneElseWroteAsync();

        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Save mine over theirs" }).ClickAsync();

        await Expect(ui.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Saved" })).ToHaveTextAsync("Saved.");
        var exports = await ExportsAsync();
        Assert.Equal(["web"], exports.Keys);
    }

    [Fact]
    public async Task AddService_NotYetRegistered_CanBeExported()
    {
        var ui = await OpenAsync(_agent);
        await ui.GotoAsync("exports");

        await ui.Page.GetByLabel("Export another service").FillAsync("payments");
        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Add service" }).ClickAsync();
        await Expect(Box(ui.Page, "payments", "cluster-02")).ToBeFocusedAsync();
        await ui.Page.Keyboard.PressAsync("Space");
        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Save exports" }).ClickAsync();

        await Expect(ui.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Saved" })).ToHaveTextAsync("Saved.");
        Assert.Equal(["cluster-02"], (await ExportsAsync())["payments"]);
    }

    /// <summary>
    /// Ticks web → cluster-02, lets someone else write the entry (as `parley config write` would) while that change is
    /// unsaved, and presses Save: the editor now holds a conflict.
    /// </summary>
    private async Task<UiSession> SaveAfterSomeoneElseWroteAsync()
    {
        var ui = await OpenAsync(_agent);
        await ui.GotoAsync("exports");
        await Box(ui.Page, "web", "cluster-02").CheckAsync();
        await _agent.Http.SendAsync(HttpMethod.Put, "/v1/config", JsonNode.Parse("""
            {"Kind":"exported-services","Name":"default","Services":[{"Name":"api","Consumers":[{"Peer":"cluster-03"}]}]}
            """));
        await Expect(ui.Page.GetByText("changed elsewhere while you were editing")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Save exports" }).ClickAsync();
        return ui;
    }
}
