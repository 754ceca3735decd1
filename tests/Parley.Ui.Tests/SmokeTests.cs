using Microsoft.Playwright;
using Parley.Ui.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.Ui.Tests;

/// <summary>Every page opens in light and dark schemes without a script error, with a screenshot of each.</summary>
public sealed class SmokeTests(ChromiumFixture chromium) : UiTestBase(chromium)
{
    private static readonly string[] Pages = ["services", "services/web", "peers", "exports", "intentions", "settings"];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EveryPage_Opens_WithItsHeadingAndNoScriptErrors(bool dark)
    {
        var agent = await StartClusterAsync("dc1");
        await agent.Http.RegisterServiceAsync("web", "web-1", 8080, "passing", null, "v1");
        var ui = await OpenAsync(agent, dark: dark);
        foreach (var page in Pages)
        {
            await ui.GotoAsync(page);
            await ui.Page.Locator("main table, main .empty, main form").First.WaitForAsync();
            await Expect(ui.Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).Locator("[aria-current=page]"))
                .ToHaveTextAsync(char.ToUpperInvariant(page[0]) + page.Split('/')[0][1..]);
            await ui.ScreenshotAsync((dark ? "dark-" : "page-") + page.Replace('/', '-'));
        }
    }
}
