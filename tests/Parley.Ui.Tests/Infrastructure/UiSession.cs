using Microsoft.Playwright;

namespace Parley.Ui.Tests.Infrastructure;

/// <summary>
/// One browser tab on an agent's UI, in its own context (storage, clipboard permissions). Collects uncaught page
/// errors so a test fails on a script error it did not look for, and saves screenshots as artifacts.
/// </summary>
public sealed class UiSession : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _pageErrors = [];

    private UiSession(IBrowserContext context, IPage page, Uri agent)
    {
        _context = context;
        Page = page;
        Agent = agent;
        page.PageError += (_, error) =>
        {
            lock (_pageErrors)
            {
                _pageErrors.Add(error);
            }
        };
    }

    public IPage Page { get; }

    /// <summary>The agent whose UI this tab shows.</summary>
    public Uri Agent { get; }

    /// <summary>Opens a tab at 1280x800 (or <paramref name="width"/> x <paramref name="height"/>) on <paramref name="agent"/>.</summary>
    public static async Task<UiSession> OpenAsync(
        ChromiumFixture chromium,
        Uri agent,
        int width = 1280,
        int height = 800,
        bool dark = false)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = agent.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            ColorScheme = dark ? ColorScheme.Dark : ColorScheme.Light,
            ReducedMotion = ReducedMotion.Reduce,
        });
        await context.GrantPermissionsAsync(
            ["clipboard-read", "clipboard-write"],
            new BrowserContextGrantPermissionsOptions { Origin = agent.GetLeftPart(UriPartial.Authority) });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        return new UiSession(context, page, agent);
    }

    /// <summary>Goes to <c>/ui/&lt;path&gt;</c> and waits for the page heading.</summary>
    public async Task GotoAsync(string path)
    {
        await Page.GotoAsync("/ui/" + path.TrimStart('/'));
        await Page.Locator("main h1").First.WaitForAsync();
    }

    /// <summary>Saves a full-page screenshot as <c>ui-screenshots/&lt;name&gt;.png</c> and attaches it to the test result.</summary>
    public async Task ScreenshotAsync(string name)
    {
        var path = Screenshots.PathFor(name);
        var bytes = await Page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = path,
            FullPage = true,
            Animations = ScreenshotAnimations.Disabled,
        });
        TestContext.Current.AddAttachment(name + ".png", bytes, "image/png");
    }

    /// <summary>Script errors the page threw so far.</summary>
    public IReadOnlyList<string> PageErrors
    {
        get
        {
            lock (_pageErrors)
            {
                return [.. _pageErrors];
            }
        }
    }

    /// <summary>Saves what the tab shows now, for a test that failed; never throws.</summary>
    public async Task ScreenshotOnFailureAsync(string name)
    {
        try
        {
            if (!Page.IsClosed)
            {
                await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.PathFor(name), FullPage = true });
            }
        }
        catch (PlaywrightException)
        {
            // Best effort: the page may have gone with the failure.
        }
    }

    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}
