using Microsoft.Playwright;

namespace Parley.Ui.Tests.Infrastructure;

/// <summary>The steps of the peering document, done in the UI the way a person does them.</summary>
public static class PeersUi
{
    /// <summary>Peers → Add peer connection → Generate token tab → Name of peer → Generate token; returns the token shown.</summary>
    public static async Task<string> GenerateTokenAsync(UiSession ui, string peerName, string? addresses = null)
    {
        await ui.GotoAsync("peers");
        var page = ui.Page;
        await page.GetByRole(AriaRole.Button, new() { Name = "Add peer connection" }).First.ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Add peer connection" });
        await dialog.GetByRole(AriaRole.Tab, new() { Name = "Generate token" }).ClickAsync();
        var panel = dialog.GetByRole(AriaRole.Tabpanel, new() { Name = "Generate token" });
        await panel.GetByLabel("Name of peer").FillAsync(peerName);
        if (addresses is not null)
        {
            await panel.GetByLabel("Server external addresses").FillAsync(addresses);
        }

        await panel.GetByRole(AriaRole.Button, new() { Name = "Generate token" }).ClickAsync();
        var token = panel.GetByLabel($"Peering token for {peerName}");
        await Assertions.Expect(token).Not.ToBeEmptyAsync();
        return await token.InputValueAsync();
    }

    /// <summary>Peers → Add peer connection → Establish peering → Name of peer, Token → Add peer.</summary>
    public static async Task EstablishAsync(UiSession ui, string peerName, string token)
    {
        var dialog = await OpenEstablishAsync(ui, peerName, token);
        await Assertions.Expect(dialog).ToBeHiddenAsync(new() { Timeout = 30_000 });
    }

    /// <summary>Fills the Establish peering tab and presses Add peer; returns the dialog (still open on an error).</summary>
    public static async Task<ILocator> OpenEstablishAsync(UiSession ui, string peerName, string token)
    {
        await ui.GotoAsync("peers");
        var page = ui.Page;
        await page.GetByRole(AriaRole.Button, new() { Name = "Add peer connection" }).First.ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Add peer connection" });
        await dialog.GetByRole(AriaRole.Tab, new() { Name = "Establish peering" }).ClickAsync();
        var panel = dialog.GetByRole(AriaRole.Tabpanel, new() { Name = "Establish peering" });
        await panel.GetByLabel("Name of peer").FillAsync(peerName);
        await panel.GetByLabel("Token").FillAsync(token);
        await panel.GetByRole(AriaRole.Button, new() { Name = "Add peer" }).ClickAsync();
        return dialog;
    }

    /// <summary>The list row of <paramref name="peerName"/>.</summary>
    public static ILocator Row(IPage page, string peerName) => page.Locator($"tr[data-peer='{peerName}']");

    /// <summary>The state badge in a peer's row.</summary>
    public static ILocator StateBadge(IPage page, string peerName) => Row(page, peerName).Locator(".badge.state");

    /// <summary>Next to the peer: More (three dots) → Delete → Delete to confirm.</summary>
    public static async Task DeleteAsync(UiSession ui, string peerName)
    {
        await ui.GotoAsync("peers");
        var page = ui.Page;
        await page.GetByRole(AriaRole.Button, new() { Name = $"More actions for {peerName}" }).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Delete" }).ClickAsync();
        var confirm = page.GetByRole(AriaRole.Alertdialog, new() { Name = $"Delete peer {peerName}" });
        await Assertions.Expect(confirm).ToContainTextAsync("Are you sure you want to delete this peer?");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Assertions.Expect(confirm).ToBeHiddenAsync();
    }
}
