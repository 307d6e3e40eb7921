using Microsoft.Playwright;
using TrdpSim.IntegrationTests.Cli;
using TrdpSim.Tests.Infrastructure;

namespace TrdpSim.IntegrationTests.WebConsole;

/// <summary>The web console as an operator uses it, end to end: <c>trdpsim serve</c> (a child process) serves the page
/// from its own binary, headless Chromium (Debian's <c>chromium</c>; Playwright never downloads a browser here) opens
/// it, the token is given at the prompt, a run is started, its charts move, a fault is injected and its strikes
/// counted while the telegram turns unhealthy on the Train page, the fault is repaired, and a field is set and locked
/// on the publisher and seen by the subscriber. Screenshots of every step are kept under artifacts/console-check/;
/// nothing may be fetched from anywhere but the daemon.</summary>
[Collection(ChildProcessCollection.Name)]
public sealed class ConsoleBrowserTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"trdpsim-console-{Guid.NewGuid():N}");

    public ConsoleBrowserTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Plan()
    {
        var path = Path.Combine(_folder, "doors.toml");
        File.WriteAllText(path, DaemonPairToml.Text(
            "doors", dataset: "doors", elements: ["life UINT16", "speed UINT16"], cycle: "20ms", counter: "speed", timeout: "300ms"));
        return path;
    }

    [Fact]
    public async Task AnOperatorStartsARunInjectsAndRepairsAFaultAndLocksAFieldFromTheBrowser()
    {
        HeadlessChromium.AssertInstalled();
        var plan = Plan();
        var tokenFile = Path.Combine(_folder, "token");
        await using var serve = await ServeProcess.StartAsync(tokenFile, Path.Combine(_folder, "plugins"));
        var token = (await File.ReadAllTextAsync(tokenFile)).Trim();
        var origin = serve.Url.GetLeftPart(UriPartial.Authority);

        using var playwright = await HeadlessChromium.StartPlaywrightAsync();
        await using var browser = await HeadlessChromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        page.SetDefaultTimeout(30_000);
        var problems = new List<string>();
        page.PageError += (_, error) => problems.Add("page error: " + error);
        page.Console += (_, message) =>
        {
            // Failed loads are judged by their responses below (a wrong token's 401 is expected there).
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                problems.Add($"console {message.Type}: {message.Text}");
            }
        };
        page.Response += (_, response) =>
        {
            var wrongToken = response.Status == 401 && response.Url.EndsWith("/api/token/check", StringComparison.Ordinal);
            if (response.Status >= 400 && !wrongToken)
            {
                problems.Add($"{response.Status} {response.Request.Method} {response.Url}");
            }
        };
        var fetched = new List<string>();
        page.Request += (_, request) => fetched.Add(request.Url);
        var shots = ConsolePage.Screens();
        var step = 0;
        async Task Shot(string name) => await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, $"{++step:00}-{name}.png"), FullPage = true });

        // The page asks for the token and keeps it for the tab.
        await page.GotoAsync(origin + "/");
        await page.WaitForSelectorAsync("#token-dialog[open]");
        await Shot("token-prompt");
        await page.FillAsync("#token-input", "not-the-token");
        await page.ClickAsync("#token-form button[type=submit]");
        await page.WaitForSelectorAsync("#token-error:has-text('does not know')");
        await page.FillAsync("#token-input", token);
        await page.ClickAsync("#token-form button[type=submit]");
        await page.WaitForSelectorAsync("#token-dialog:not([open])", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
        Assert.Equal(token, await page.EvaluateAsync<string>("sessionStorage.getItem('trdpsim.token')"));

        // Start a run from the Run page; its charts move.
        await page.FillAsync("#start-files", plan);
        await page.FillAsync("#start-duration", "2m");
        await page.ClickAsync("form.start button[type=submit]");
        await page.WaitForURLAsync(ConsolePage.StartedRunUrl());
        var run = Uri.UnescapeDataString(new Uri(page.Url).Fragment.Split('/')[2]);
        await page.WaitForSelectorAsync("dd[data-field=state][data-state=running]");
        await page.WaitForFunctionAsync("() => Number(document.querySelector('figure.chart')?.dataset.points ?? 0) >= 3");
        var before = await Points(page);
        await page.WaitForFunctionAsync($"() => Number(document.querySelector('figure.chart')?.dataset.points ?? 0) > {before}");
        await Shot("run-charts");

        // Inject a total loss on A/out from the form; its strikes are counted and the Train page shows it unhealthy.
        await page.ClickAsync("nav a:has-text('Faults')");
        await page.WaitForSelectorAsync("#fault-kind option[value=loss]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
        await page.SelectOptionAsync("#fault-kind", "loss");
        await page.FillAsync("#fault-name", "door-loss");
        await page.FillAsync("#fault-device", "A");
        await page.FillAsync("#fault-telegram", "out");
        await page.FillAsync("#fault-probability", "2");
        await page.ClickAsync("form.inject button[type=submit]");
        await page.WaitForSelectorAsync("#fault-errors li:has-text('probability')"); // refused before it reaches the run
        await page.FillAsync("#fault-probability", "1");
        await page.ClickAsync("form.inject button[type=submit]");
        await page.WaitForFunctionAsync("() => Number((document.querySelector('[data-fault-strikes=\"door-loss\"]')?.textContent ?? '0').replace(/[^0-9.]/g, '')) > 0");
        await Shot("fault-strikes");
        await page.ClickAsync("nav a:has-text('Train')");
        await page.WaitForSelectorAsync("svg path.link");
        await page.WaitForFunctionAsync("() => ['lossy', 'timing out'].includes(document.querySelector('[data-health-of=\"B/in\"]')?.textContent ?? '') || document.querySelector('[data-health-of=\"A/out\"]')?.textContent === 'lossy'");
        await page.ClickAsync("tr[data-telegram='A/out']");
        await page.WaitForSelectorAsync("section.detail h2:has-text('A / out')");
        await Shot("train-unhealthy");

        // Repair it: the fault leaves the table and the subscriber is healthy again.
        await page.ClickAsync("nav a:has-text('Faults')");
        await page.ClickAsync("button[aria-label='Repair door-loss']");
        await page.WaitForSelectorAsync("tr[data-fault='door-loss']", new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached });
        await page.ClickAsync("nav a:has-text('Train')");
        await page.WaitForFunctionAsync("() => document.querySelector('[data-health-of=\"B/in\"]')?.textContent === 'ok'");
        await Shot("repaired");

        // Set and lock A/out's speed; the subscriber B/in receives the held value.
        await page.GotoAsync($"{origin}/#/telegram/{Uri.EscapeDataString(run)}/{Uri.EscapeDataString("A/out")}");
        await page.WaitForSelectorAsync("tr[data-field=speed]");
        await page.FillAsync("tr[data-field=speed] input", "4242");
        await page.ClickAsync("tr[data-field=speed] button:has-text('Lock')");
        await page.WaitForSelectorAsync("td[data-flags=speed][data-locked=true]");
        await page.WaitForSelectorAsync("td[data-value=speed]:text-is('4242')");
        await page.SelectOptionAsync("#telegram-pick", "B/in");
        await page.WaitForSelectorAsync("td[data-value=speed]:text-is('4242')");
        await Shot("subscriber-receives-locked");
        await page.SelectOptionAsync("#telegram-pick", "A/out");
        await page.ClickAsync("tr[data-field=speed] button:has-text('Unlock')");
        await page.WaitForSelectorAsync("td[data-flags=speed][data-locked=false]");

        Assert.Empty(problems);
        Assert.All(fetched, url => Assert.StartsWith(origin, url, StringComparison.Ordinal)); // nothing from anywhere else
    }

    private static async Task<int> Points(IPage page) =>
        await page.EvaluateAsync<int>("() => Number(document.querySelector('figure.chart')?.dataset.points ?? 0)");
}
