using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(Parley.Ui.Tests.Infrastructure.ChromiumFixture))]

namespace Parley.Ui.Tests.Infrastructure;

/// <summary>
/// One headless Chromium for the whole test run: Debian's <c>/usr/bin/chromium</c> (or <c>PARLEY_CHROMIUM</c>),
/// driven by Playwright's node driver from the NuGet package. A browser is never downloaded.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    /// <summary>The flags every launch uses: no sandbox (root in CI), no GPU, and no background traffic.</summary>
    public static readonly string[] LaunchArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Chromium was not started.");

    /// <summary>The Chromium executable: <c>PARLEY_CHROMIUM</c> when set, else Debian's.</summary>
    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("PARLEY_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"The UI tests need Chromium at {ExecutablePath}, and it is not there. Install Debian's package with " +
                "`apt-get update && apt-get install -y chromium` (test.sh does this), or point PARLEY_CHROMIUM at a " +
                "Chromium binary. The tests never download a browser.");
        }

        // Playwright must not try to fetch its own browser builds; there is no network for that here.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");

        // CI runs every test project at once on two cores; give web-first assertions room before they fail.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = LaunchArgs,
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}
