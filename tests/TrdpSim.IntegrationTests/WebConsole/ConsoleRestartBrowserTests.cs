using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TrdpSim.IntegrationTests.Cli;
using TrdpSim.Tests.Infrastructure;

namespace TrdpSim.IntegrationTests.WebConsole;

/// <summary>A daemon restart under an open console page: the page loses its stream, reconnects by itself when the
/// daemon is back on the same address, and catches up — the events of the run after the restart arrive, also those
/// published before the page was back (the new daemon numbers its events from 1 again, below the page's last id) —
/// with the token the first start generated, which the second start keeps from the token file.</summary>
[Collection(ChildProcessCollection.Name)]
public sealed partial class ConsoleRestartBrowserTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"trdpsim-console-restart-{Guid.NewGuid():N}");

    public ConsoleRestartBrowserTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task AfterADaemonRestartThePageReconnectsByItselfAndGetsTheEventsItMissed()
    {
        HeadlessChromium.AssertInstalled();
        var plan = Path.Combine(_folder, "doors.toml");
        await File.WriteAllTextAsync(plan, DaemonPairToml.Text("doors", cycle: "20ms", timeout: "300ms"));
        var plugins = Path.Combine(_folder, "plugins");
        var store = Path.Combine(_folder, "store");
        var tokenFile = Path.Combine(_folder, "token");
        var urls = $"http://127.0.0.1:{FreePort()}";

        // The token is the one the first start generates into the token file; the restarted daemon keeps it, so the
        // tab's token still holds.
        var first = await ServeProcess.StartAsync(tokenFile, plugins, urls, token: null, store);
        var token = (await File.ReadAllTextAsync(tokenFile)).Trim();
        using var api = new HttpClient { BaseAddress = new Uri(urls) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var run = await StartAsync(api, plan);

        using var playwright = await HeadlessChromium.StartPlaywrightAsync();
        await using var browser = await HeadlessChromium.LaunchAsync(playwright);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        await using var tab = await ConsolePage.StartAsync(context, token);
        var page = tab.Page;
        // While the daemon is away its page's connections fail (the browser says so in its console), and the new daemon
        // knows no run r1 until it is started there.
        tab.Tolerated = text => text.StartsWith("console error: WebSocket connection to", StringComparison.Ordinal)
            || text.Contains("ERR_CONNECTION_REFUSED", StringComparison.Ordinal) || text == $"404 GET {urls}/api/runs/{run}";

        // The page's stream passes through here: held off while the new daemon's run publishes its first events, so
        // they can only reach the page by catch-up.
        var holdStream = false;
        await page.RouteWebSocketAsync(StreamUrl(), socket =>
        {
            if (Volatile.Read(ref holdStream))
            {
                _ = socket.CloseAsync(new WebSocketRouteCloseOptions { Code = 1011, Reason = "held by the test" });
            }
            else
            {
                socket.ConnectToServer();
            }
        });

        await page.GotoAsync($"{urls}/#/faults/{Uri.EscapeDataString(run)}");
        await page.WaitForSelectorAsync("#conn[data-state=live]");
        for (var i = 0; i < 4; i++)
        {
            await InjectAsync(api, run, $"before-{i}");
            await page.WaitForSelectorAsync($"ol.feed li:has-text('fault.injected before-{i}')");
            using var repaired = await api.DeleteAsync($"/api/runs/{run}/faults/before-{i}");
            Assert.True(repaired.IsSuccessStatusCode);
            await page.WaitForSelectorAsync($"ol.feed li:has-text('fault.repaired before-{i}')");
        }

        await tab.ShotAsync("restart-1-before");

        // The daemon goes away: the page says so.
        Volatile.Write(ref holdStream, true);
        Assert.Equal(0, await first.StopAsync());
        await first.DisposeAsync();
        await page.WaitForSelectorAsync("#conn:not([data-state=live])");
        await tab.ShotAsync("restart-2-away");

        // A new daemon on the same address: its first run has the same id and publishes events while the page is held off.
        await using var second = await ServeProcess.StartAsync(tokenFile, plugins, urls, token: null, store);
        Assert.Equal(run, await StartAsync(api, plan));
        await InjectAsync(api, run, "after-restart");
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // the bus moves posted events on every 10 ms: the injection is in its history

        // Let the page through: it reconnects by itself and catches up on what it missed.
        Volatile.Write(ref holdStream, false);
        await page.WaitForSelectorAsync("#conn[data-state=live]", new PageWaitForSelectorOptions { Timeout = 20_000 });
        await page.WaitForSelectorAsync("ol.feed li:has-text('fault.injected after-restart')", new PageWaitForSelectorOptions { Timeout = 10_000 });
        await page.WaitForSelectorAsync("tr[data-fault='after-restart']");
        await tab.ShotAsync("restart-3-caught-up");

        Assert.Empty(tab.Problems);
    }

    private static async Task<string> StartAsync(HttpClient api, string plan)
    {
        using var started = await api.PostAsJsonAsync("/api/runs", new { files = new[] { plan }, duration = "5m" });
        var body = await started.Content.ReadAsStringAsync();
        Assert.True(started.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }

    private static async Task InjectAsync(HttpClient api, string run, string name)
    {
        using var injected = await api.PostAsJsonAsync($"/api/runs/{run}/faults", new { name, kind = "loss", device = "A", telegram = "out", probability = 0.5 });
        Assert.True(injected.IsSuccessStatusCode, await injected.Content.ReadAsStringAsync());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex("/api/stream")]
    private static partial Regex StreamUrl();
}
