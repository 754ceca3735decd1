using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Parley.Testing;
using Parley.Ui.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.Ui.Tests;

/// <summary>The Intentions editor writing <c>service-intentions</c> entries whose sources may name a peer.</summary>
public sealed class IntentionsEditorTests(ChromiumFixture chromium) : UiTestBase(chromium)
{
    private TestAgent _agent = null!;

    public override async ValueTask InitializeAsync()
    {
        _agent = await StartClusterAsync("dc1");
        await _agent.Http.RegisterServiceAsync("api", "api-1", 9090);
        await _agent.Http.SendAsync(HttpMethod.Post, "/v1/peering/token", new JsonObject { ["PeerName"] = "cluster-02" });
    }

    private static async Task AddAsync(UiSession ui, string source, string? peer, string destination, string action = "Allow")
    {
        var form = ui.Page.GetByRole(AriaRole.Region, new() { Name = "Add or change an intention" });
        await form.GetByLabel("Source service").FillAsync(source);
        await form.GetByLabel("Source peer").SelectOptionAsync(peer ?? "");
        await form.GetByLabel("Destination service").FillAsync(destination);
        await form.GetByLabel(action, new() { Exact = true }).CheckAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "Save intention" }).ClickAsync();
    }

    [Fact]
    public async Task Save_SourceInAPeer_WritesSourcesPeerAndShowsOnTheService()
    {
        var ui = await OpenAsync(_agent);
        await ui.GotoAsync("intentions");

        await AddAsync(ui, "frontend", "cluster-02", "api");

        await Expect(ui.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Saved" }))
            .ToHaveTextAsync("Saved: frontend in peer cluster-02 → api, allow.");
        var entry = await _agent.Http.GetJsonAsync("/v1/config/service-intentions/api");
        var source = entry!["Sources"]!.AsArray().Single()!;
        Assert.Equal(("frontend", "cluster-02", "allow"),
            (source["Name"]!.GetValue<string>(), source["Peer"]!.GetValue<string>(), source["Action"]!.GetValue<string>()));
        var row = ui.Page.GetByRole(AriaRole.Table, new() { Name = "Intentions" }).Locator("tbody tr");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("frontend");
        await Expect(row.Locator(".badge.peer")).ToContainTextAsync("cluster-02");
        await ui.ScreenshotAsync("intentions-list");

        await ui.GotoAsync("services/api");
        var applies = ui.Page.GetByRole(AriaRole.Table, new() { Name = "Intentions that apply to api, highest precedence first" });
        await Expect(applies).ToContainTextAsync("frontend");
        await Expect(applies.Locator(".badge.peer")).ToContainTextAsync("cluster-02");

        // The open page follows later changes (its blocking query carries the name and the index together).
        await _agent.Http.SendAsync(HttpMethod.Put, "/v1/config", JsonNode.Parse("""
            {"Kind":"service-intentions","Name":"api","Sources":[
              {"Name":"frontend","Peer":"cluster-02","Action":"allow"},{"Name":"batch","Action":"deny"}]}
            """));
        await Expect(applies.Locator("tbody tr")).ToHaveCountAsync(2, new() { Timeout = 10_000 });
        await Expect(applies).ToContainTextAsync("batch");
    }

    [Fact]
    public async Task Save_SameSourceAgain_UpdatesTheAction()
    {
        var ui = await OpenAsync(_agent);
        await ui.GotoAsync("intentions");
        await AddAsync(ui, "frontend", "cluster-02", "api");
        await Expect(ui.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Saved" })).ToBeVisibleAsync();

        await AddAsync(ui, "frontend", "cluster-02", "api", "Deny");

        await Expect(ui.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Updated" }))
            .ToHaveTextAsync("Updated: frontend in peer cluster-02 → api, deny.");
        var entry = await _agent.Http.GetJsonAsync("/v1/config/service-intentions/api");
        Assert.Equal("deny", entry!["Sources"]!.AsArray().Single()!["Action"]!.GetValue<string>());
    }

    [Fact]
    public async Task Save_RejectedByTheApi_ShowsItsWordsAtTheForm()
    {
        // What the API says to the same write, to compare with what the form shows.
        using var direct = await _agent.Http.PutAsync("/v1/config?cas=0", new StringContent(
            """{"Kind":"service-intentions","Name":"api","Sources":[{"Name":"front*","Peer":"cluster-02","Action":"allow"}]}""",
            Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        var apiText = (await direct.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Trim();
        Assert.False(direct.IsSuccessStatusCode, apiText);
        var ui = await OpenAsync(_agent);
        await ui.GotoAsync("intentions");

        await AddAsync(ui, "front*", "cluster-02", "api");

        var alert = ui.Page.GetByRole(AriaRole.Region, new() { Name = "Add or change an intention" }).GetByRole(AriaRole.Alert);
        await Expect(alert).ToHaveTextAsync("Not saved: " + apiText);
        Assert.Null(await _agent.Http.GetJsonAsync("/v1/config/service-intentions/api"));
        await ui.ScreenshotAsync("intentions-error");
    }

    [Fact]
    public async Task Remove_LastSource_AsksThenDeletesTheEntry()
    {
        var ui = await OpenAsync(_agent);
        await ui.GotoAsync("intentions");
        await AddAsync(ui, "frontend", "cluster-02", "api");
        await Expect(ui.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Saved" })).ToBeVisibleAsync();

        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Remove intention from frontend (peer cluster-02) to api" }).ClickAsync();
        var confirm = ui.Page.GetByRole(AriaRole.Alertdialog, new() { Name = "Remove intention" });
        await Expect(confirm).ToContainTextAsync("Remove the intention from frontend in peer cluster-02 to api?");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Remove" }).ClickAsync();

        await Expect(confirm).ToBeHiddenAsync();
        await Expect(ui.Page.GetByText("No intentions yet")).ToBeVisibleAsync();
        Assert.Null(await _agent.Http.GetJsonAsync("/v1/config/service-intentions/api"));
    }
}
