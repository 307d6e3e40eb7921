using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TrdpSim.Tests.Infrastructure;

namespace TrdpSim.IntegrationTests.WebConsole;

/// <summary>A console tab for one test: its own browser context (closed at the end), the token already in the tab's
/// session storage, and every problem collected — page errors, console errors (a Content-Security-Policy violation
/// is reported as one, also from a frame), responses of 400 and above. Screenshots go to artifacts/console-check/.</summary>
public sealed partial class ConsolePage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _problems = [];

    private ConsolePage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
    }

    public IPage Page { get; }

    /// <summary>Problems that are expected while the daemon is away (a restart): not counted.</summary>
    public Func<string, bool> Tolerated { get; set; } = _ => false;

    public IReadOnlyList<string> Problems
    {
        get
        {
            lock (_problems)
            {
                return [.. _problems];
            }
        }
    }

    public static async Task<ConsolePage> StartAsync(IBrowserContext context, string token)
    {
        // Runs in every document before its own scripts, frames too: the tab holds the token as after the prompt (an
        // opaque-origin frame has no storage, hence the try), and a CSP violation is also reported by the page itself.
        await context.AddInitScriptAsync($$"""
            try { sessionStorage.setItem('trdpsim.token', {{JsonSerializer.Serialize(token)}}); } catch { }
            document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
            """);
        ConsolePage? console = null;
        var early = new List<IPage>();
        context.Page += (_, opened) =>
        {
            // Every tab of the context from its first message on: the console's own and one it opens (a report).
            opened.SetDefaultTimeout(30_000);
            if (console is null)
            {
                early.Add(opened);
            }
            else
            {
                console.Watch(opened);
            }
        };
        var page = await context.NewPageAsync();
        console = new ConsolePage(context, page);
        foreach (var opened in early)
        {
            console.Watch(opened);
        }

        return console;
    }

    private void Watch(IPage page)
    {
        page.PageError += (_, error) => Add("page error: " + error);
        page.Console += (_, message) =>
        {
            // A failed load is judged by its response below.
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                Add($"console error: {message.Text}");
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                Add($"{response.Status} {response.Request.Method} {response.Url}");
            }
        };
    }

    public async Task ShotAsync(string name, IPage? page = null) =>
        await (page ?? Page).ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screens(), name + ".png"), FullPage = true });

    public async ValueTask DisposeAsync() => await _context.CloseAsync();

    private void Add(string problem)
    {
        if (Tolerated(problem))
        {
            return;
        }

        lock (_problems)
        {
            _problems.Add(problem);
        }
    }

    /// <summary>artifacts/console-check/ under the repository (kept after the run, as the other browser tests keep theirs).</summary>
    public static string Screens()
    {
        var path = RepositoryRoot.Of("artifacts", "console-check");
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>axe-core's script from the console's npm packages, which the contrast check injects into each page.</summary>
    public static string AxeCoreScript() => RepositoryRoot.Of("web", "console", "node_modules", "axe-core", "axe.min.js");

    /// <summary>The address the console goes to once a run it started is up: <c>#/run/&lt;id&gt;</c>.</summary>
    [GeneratedRegex("#/run/[^/]+$")]
    public static partial Regex StartedRunUrl();
}
