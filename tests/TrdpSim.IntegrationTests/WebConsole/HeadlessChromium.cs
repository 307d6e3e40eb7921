using Microsoft.Playwright;

namespace TrdpSim.IntegrationTests.WebConsole;

/// <summary>The browser of the console tests: Debian's <c>chromium</c>, headless, launched with the same flags by every
/// test (Playwright never downloads a browser here).</summary>
internal static class HeadlessChromium
{
    public const string Path = "/usr/bin/chromium";

    /// <summary>Fails the test at once, with what to install, when the browser is missing.</summary>
    public static void AssertInstalled() =>
        Assert.True(File.Exists(Path), $"{Path} is missing: tools/install-deps.sh installs Debian's chromium");

    /// <summary>Playwright without its browser download: <see cref="LaunchAsync"/> starts the system's chromium.</summary>
    public static Task<IPlaywright> StartPlaywrightAsync()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        return Playwright.CreateAsync();
    }

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Path,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
}
