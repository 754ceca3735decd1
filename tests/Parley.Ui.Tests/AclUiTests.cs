using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Parley.Testing;
using Parley.Ui.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.Ui.Tests;

/// <summary>
/// The UI against an agent with <c>acl { enabled = true, default_policy = "deny" }</c>: a refusal shows "Permission
/// denied" in Consul's words, a token entered in the Log in dialog goes with every call, and Log out forgets it.
/// </summary>
public sealed class AclUiTests(ChromiumFixture chromium) : UiTestBase(chromium)
{
    private const string Management = "5ab1e3f4-0c8b-4b59-9d55-2f3e0e6d9a01";
    private TestAgent? _started;

    private TestAgent Agent => _started ?? throw new InvalidOperationException("not started");

    public override async ValueTask InitializeAsync()
    {
        _started = await StartDenyingClusterAsync("dc1", Management);
        await SendAsync(HttpMethod.Post, "/v1/peering/token", new JsonObject { ["PeerName"] = "cluster-02" });
    }

    [Fact]
    public async Task PeersPage_DeniedWithoutToken_ListsWithPeeringRead_DeniedAgainAfterLogOut()
    {
        var reader = await CreateTokenAsync("peers-reader", "peering = \"read\"");
        var ui = await OpenAsync(Agent);
        var main = ui.Page.Locator("main");

        await ui.GotoAsync("peers");
        var denied = main.Locator(".permission-denied");
        await Expect(denied).ToContainTextAsync("Permission denied");
        await Expect(denied).ToContainTextAsync("Permission denied: anonymous token lacks permission 'peering:read'");
        await Expect(main.Locator(".result-count")).Not.ToHaveTextAsync("Loading…");
        await Expect(PeersUi.Row(ui.Page, "cluster-02")).ToHaveCountAsync(0);
        await ui.ScreenshotAsync("acl-peers-denied");

        await LogInAsync(ui, reader);
        await Expect(PeersUi.Row(ui.Page, "cluster-02")).ToBeVisibleAsync();
        await Expect(denied).ToHaveCountAsync(0);
        Assert.Equal(reader, await ui.Page.EvaluateAsync<string>("sessionStorage.getItem('parley.token')"));
        Assert.Null(await ui.Page.EvaluateAsync<string?>("localStorage.getItem('parley.token')"));
        await ui.ScreenshotAsync("acl-peers-logged-in");

        // A reload keeps the session's token.
        await ui.GotoAsync("peers");
        await Expect(PeersUi.Row(ui.Page, "cluster-02")).ToBeVisibleAsync();

        await ui.Page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await Expect(denied).ToContainTextAsync("lacks permission 'peering:read'");
        await Expect(PeersUi.Row(ui.Page, "cluster-02")).ToHaveCountAsync(0);
        Assert.Null(await ui.Page.EvaluateAsync<string?>("sessionStorage.getItem('parley.token')"));
    }

    [Fact]
    public async Task TokenWithoutThePermission_ShowsWhichPermissionIsMissing()
    {
        var other = await CreateTokenAsync("kv-only", "key_prefix \"\" { policy = \"read\" }");
        var ui = await OpenAsync(Agent);
        await ui.GotoAsync("peers");

        await LogInAsync(ui, other);

        var denied = ui.Page.Locator("main .permission-denied");
        await Expect(denied).ToContainTextAsync("The token you are logged in with does not grant this.");
        await Expect(denied).ToContainTextAsync(new System.Text.RegularExpressions.Regex(
            "Permission denied: token with AccessorID '[0-9a-f-]{36}' lacks permission 'peering:read'"));
    }

    [Fact]
    public async Task LogIn_WithUnknownSecret_ShowsAclNotFoundAndKeepsNothing()
    {
        var ui = await OpenAsync(Agent);
        await ui.GotoAsync("settings");

        var form = ui.Page.Locator("main form");
        await form.GetByLabel("ACL token").FillAsync("00000000-0000-4000-8000-000000000000");
        await form.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();

        await Expect(form.GetByRole(AriaRole.Alert)).ToContainTextAsync("ACL not found");
        Assert.Null(await ui.Page.EvaluateAsync<string?>("sessionStorage.getItem('parley.token')"));
        await Expect(ui.Page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Button, new() { Name = "Log in" })).ToBeVisibleAsync();
    }

    /// <summary>Top bar → Log in → ACL token → Log in; waits for the dialog to close.</summary>
    private static async Task LogInAsync(UiSession ui, string secret)
    {
        await ui.Page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        var dialog = ui.Page.GetByRole(AriaRole.Dialog, new() { Name = "Log in" });
        await dialog.GetByLabel("ACL token").FillAsync(secret);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(ui.Page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Button, new() { Name = "Log out" })).ToBeVisibleAsync();
    }

    private async Task<string> CreateTokenAsync(string name, string rules)
    {
        await SendAsync(HttpMethod.Put, "/v1/acl/policy", new JsonObject { ["Name"] = name, ["Rules"] = rules });
        var token = JsonNode.Parse(await SendAsync(HttpMethod.Put, "/v1/acl/token",
            new JsonObject { ["Policies"] = new JsonArray(new JsonObject { ["Name"] = name }) }))!;
        return token["SecretID"]!.GetValue<string>();
    }

    private async Task<string> SendAsync(HttpMethod method, string path, JsonNode body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Consul-Token", Management);
        using var response = await Agent.Http.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path} answered {(int)response.StatusCode}: {text}");
        return text;
    }
}
