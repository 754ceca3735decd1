using Parley.Ui.Tests.Infrastructure;

namespace Parley.Ui.Tests;

public sealed class SmokeTests(ChromiumFixture chromium) : UiTestBase(chromium)
{
    [Fact]
    public async Task EveryPage_Opens_WithoutScriptErrors()
    {
        var agent = await StartClusterAsync("dc1");
        await agent.Http.RegisterServiceAsync("web", "web-1", 8080, "passing", null, "v1");
        var ui = await OpenAsync(agent);
        foreach (var page in new[] { "services", "services/web", "peers", "exports", "intentions", "settings" })
        {
            await ui.GotoAsync(page);
            await Task.Delay(1500, TestContext.Current.CancellationToken);
            await ui.ScreenshotAsync("smoke-" + page.Replace('/', '-'));
        }
    }
}
