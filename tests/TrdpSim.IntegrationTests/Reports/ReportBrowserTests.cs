using Microsoft.Playwright;
using TrdpSim.IntegrationTests.Cli;
using TrdpSim.Tests.Infrastructure;

namespace TrdpSim.IntegrationTests.Reports;

/// <summary>The HTML report as a person sees it: opened in headless Chromium (Debian's <c>chromium</c>, which
/// tools/install-deps.sh installs; Playwright never downloads a browser here) from a file, with no network, it
/// loads without console errors and its uPlot charts draw. The screenshot is kept under artifacts/report-check/.</summary>
[Collection(ChildProcessCollection.Name)]
public sealed class ReportBrowserTests : IDisposable
{
    private const string Chromium = "/usr/bin/chromium";

    private const string PairWithLoss = CliFiles.PairToml + """


        [[fault]]
        name = "loss-burst"
        kind = "loss"
        device = "a"
        telegram = "out"
        probability = 0.5
        start = "1s"
        stop = "2s"
        """;

    private readonly CliFiles _files = new();

    [Fact]
    public async Task TheReportLoadsWithoutErrorsAndItsChartsDraw()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: tools/install-deps.sh installs Debian's chromium");
        string store = _files.PathOf("store");
        string config = _files.Write("loss.toml", PairWithLoss);
        TrdpSimResult played = await TrdpSimProcess.RunAsync("run", config, "--duration", "4s", "--interval", "1s", "--no-progress", "--metrics", "off", "--data-dir", store);
        Assert.True(played.ExitCode == 0, played.ToString());
        string html = _files.PathOf("report.html");
        TrdpSimResult report = await TrdpSimProcess.RunAsync("report", "--latest", "--data-dir", store, "-o", html);
        Assert.True(report.ExitCode == 0, report.ToString());

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
        IPage page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                problems.Add($"console {message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => problems.Add("page error: " + error);
        page.RequestFailed += (_, request) => problems.Add("request failed: " + request.Url);
        var fetched = new List<string>();
        page.Request += (_, request) => fetched.Add(request.Url);

        await page.GotoAsync(new Uri(html).AbsoluteUri);
        await page.WaitForSelectorAsync("body[data-rendered='true']", new PageWaitForSelectorOptions { Timeout = 15_000 });

        // Two groups (a/out publish: rate, lateness; b/in subscribe: rate, loss, jitter) and three process charts.
        int canvases = await page.EvaluateAsync<int>("document.querySelectorAll('canvas').length");
        Assert.Equal(8, canvases);
        int drawn = await page.EvaluateAsync<int>("""
            () => [...document.querySelectorAll('canvas')].filter(c => {
              const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
              let ink = 0;
              for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0 && (d[i] < 200 || d[i + 1] < 200 || d[i + 2] < 200)) ink++;
              return ink > 200;
            }).length
            """);
        Assert.Equal(canvases, drawn);
        Assert.Contains("loss-burst", await page.InnerTextAsync("body"), StringComparison.Ordinal);

        string artefacts = RepositoryRoot.Of("artifacts", "report-check");
        Directory.CreateDirectory(artefacts);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(artefacts, "report.png"), FullPage = true });

        Assert.Empty(problems);
        Assert.All(fetched, url => Assert.StartsWith("file://", url, StringComparison.Ordinal)); // nothing from a network
    }

    public void Dispose() => _files.Dispose();
}
