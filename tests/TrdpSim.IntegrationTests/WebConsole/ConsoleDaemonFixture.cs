using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using TrdpSim.IntegrationTests.Cli;
using TrdpSim.Tests.Infrastructure;

namespace TrdpSim.IntegrationTests.WebConsole;

/// <summary>One <c>trdpsim serve</c> and one headless Chromium (Debian's <c>chromium</c>; Playwright never downloads a
/// browser here) shared by the tests of a class, so each test pays for a browser context, not for a daemon and a
/// browser: the daemon has a run store, a plugin pack with typed parameters, a run playing a telegram of
/// <see cref="FieldCount"/> fields, and one short run that has ended and is kept in the store.</summary>
public sealed class ConsoleDaemonFixture : IAsyncLifetime
{
    /// <summary>Fields of the playing run's dataset: more than the Telegram page's 25 to a page.</summary>
    public const int FieldCount = 30;

    public const string PackName = "console-pack";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"trdpsim-console-pages-{Guid.NewGuid():N}");
    private ServeProcess? _serve;
    private IPlaywright? _playwright;

    public string Origin { get; private set; } = "";

    public string Token { get; private set; } = "";

    public HttpClient Api { get; } = new();

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The daemon run that plays for the whole class (id as the API names it, e.g. <c>r2</c>).</summary>
    public string LiveRun { get; private set; } = "";

    /// <summary>The store id of the short run that ended.</summary>
    public string StoredRun { get; private set; } = "";

    public async Task InitializeAsync()
    {
        HeadlessChromium.AssertInstalled();
        Directory.CreateDirectory(_folder);
        var plugins = Path.Combine(_folder, "plugins");
        WritePack(Path.Combine(plugins, PackName));
        var fields = Enumerable.Range(1, FieldCount).Select(i => $"f{i:00} UINT16").ToArray();
        var livePlan = Write("fields.toml", DaemonPairToml.Text("fields", dataset: "wide", elements: fields, cycle: "50ms", counter: "f01"));
        // Other addresses: the two runs play at once and a live run holds its addresses.
        var shortPlan = Write("short.toml", DaemonPairToml.Text("short", cycle: "20ms").Replace("10.9.0.", "10.9.7.", StringComparison.Ordinal));

        var tokenFile = Path.Combine(_folder, "token");
        _serve = await ServeProcess.StartAsync(tokenFile, plugins, dataDirectory: Path.Combine(_folder, "store"));
        Token = (await File.ReadAllTextAsync(tokenFile)).Trim();
        Origin = _serve.Url.GetLeftPart(UriPartial.Authority);
        Api.BaseAddress = new Uri(Origin);
        Api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);

        var shortRun = await StartRunAsync(shortPlan, "4s");
        LiveRun = await StartRunAsync(livePlan, "10m");

        _playwright = await HeadlessChromium.StartPlaywrightAsync();
        Browser = await HeadlessChromium.LaunchAsync(_playwright);

        StoredRun = await EndedInStoreAsync("short", shortRun);
    }

    public async Task DisposeAsync()
    {
        if (_playwright is not null)
        {
            await Browser.CloseAsync();
            _playwright.Dispose();
        }

        if (_serve is not null)
        {
            await _serve.DisposeAsync();
        }

        Api.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>POST /api/runs; the new run's id.</summary>
    public async Task<string> StartRunAsync(string plan, string duration)
    {
        using var started = await Api.PostAsJsonAsync("/api/runs", new { files = new[] { plan }, duration });
        var body = await started.Content.ReadAsStringAsync();
        Assert.True(started.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>A page in a fresh browser context whose tab already holds the token (as after the prompt), with every
    /// page error, console error (a Content-Security-Policy violation is one) and failed response collected.</summary>
    public async Task<ConsolePage> OpenAsync(int width = 1280, int height = 800)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        return await ConsolePage.StartAsync(context, Token);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>A pack with one parameter of each type; the run's name says which values it was given.</summary>
    private static void WritePack(string folder)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "plugin.toml"), $"""
            name = "{PackName}"
            version = "0.1.0"
            api-version = 2
            description = "Publishes a few telegrams on the in-process network"
            entry = "scenario.js"

            [[parameter]]
            name = "cycle"
            type = "duration"
            default = "50ms"
            description = "Cycle of the telegrams"

            [[parameter]]
            name = "count"
            type = "number"
            default = 2
            description = "Telegrams published"

            [[parameter]]
            name = "loud"
            type = "boolean"
            default = false
            description = "Marks the run's name"

            [[parameter]]
            name = "label"
            type = "string"
            default = "pack"
            description = "First part of the run's name"
            """);
        File.WriteAllText(Path.Combine(folder, "scenario.js"), """
            export default function (plan) {
              const cycle = plan.param("cycle", { type: "duration", default: "50ms" });
              const count = plan.param("count", { type: "number", default: 2 });
              const loud = plan.param("loud", { type: "boolean", default: false });
              const label = plan.param("label", { type: "string", default: "pack" });
              plan.name(`${label}-${count}-${cycle}${loud ? "-loud" : ""}`);
              plan.network({ transport: "in-memory" });
              const a = plan.device({ name: "a", address: "10.9.8.1" });
              for (let i = 0; i < count; i++) {
                a.publish({ comId: 3000 + i, payloadLength: 8, cycle, destination: "239.9.8.1" });
              }
            }
            """);
    }

    /// <summary>Waits until the store lists the run named <paramref name="name"/> as ended; its store id.</summary>
    private async Task<string> EndedInStoreAsync(string name, string daemonRun)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            using var listed = await Api.GetAsync("/api/store/runs");
            var runs = JsonDocument.Parse(await listed.Content.ReadAsStringAsync()).RootElement;
            foreach (var run in runs.EnumerateArray())
            {
                if (run.GetProperty("name").GetString() == name && run.GetProperty("state").GetString() == "completed")
                {
                    return run.GetProperty("id").GetString()!;
                }
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"daemon run {daemonRun} ('{name}') did not end in the store within 60 s:\n{_serve!.Stderr}");
    }
}
