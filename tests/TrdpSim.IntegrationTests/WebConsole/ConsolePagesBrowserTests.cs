using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TrdpSim.IntegrationTests.Cli;

namespace TrdpSim.IntegrationTests.WebConsole;

/// <summary>The console's pages in headless Chromium against one daemon (<see cref="ConsoleDaemonFixture"/>): a stored
/// run's report opened from the Runs page draws its charts under the console's policy, the Telegram page pages and
/// searches a dataset of more than 25 fields, a plugin pack's start form has typed inputs with defaults and starts a
/// run, the pages fit 1280×800 and 3840×2160, every page is reachable with the keyboard alone, and the text of
/// every page has the WCAG AA contrast (measured by axe-core). Screenshots are kept under artifacts/console-check/.</summary>
[Collection(ChildProcessCollection.Name)]
public sealed partial class ConsolePagesBrowserTests(ConsoleDaemonFixture daemon) : IClassFixture<ConsoleDaemonFixture>
{
    private static readonly string[] PageKeys = ["run", "train", "faults", "telegram", "runs"];

    // Counts the canvases of a document and those with more than 200 inked (not white, not transparent) pixels.
    private const string Ink = """
        () => {
          const canvases = [...document.querySelectorAll('canvas')];
          const drawn = canvases.filter(c => {
            const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            let ink = 0;
            for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0 && (d[i] < 200 || d[i + 1] < 200 || d[i + 2] < 200)) ink++;
            return ink > 200;
          }).length;
          return [canvases.length, drawn];
        }
        """;

    // axe-core cannot tell what is behind SVG text (the Train page's boxes and labels), so that is measured here by the
    // WCAG 2 formulas: the text's fill against what is drawn under its middle (a box's fill, else the background of the
    // drawing's container), 4.5:1 for normal text, 3:1 for large (24 px, or 18.66 px bold). One line per text, "ok" or "low".
    private const string SvgTextContrast = """
        () => {
          const rgb = (c) => { const m = /rgba?\(([^)]+)\)/.exec(c ?? ''); if (!m) return null;
            const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number); return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 }; };
          const channel = (v) => { v /= 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
          const luminance = (c) => 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
          const lines = [];
          for (const t of document.querySelectorAll('svg text')) {
            const box = t.getBoundingClientRect();
            if (box.width < 1 || !t.textContent.trim()) continue;
            const style = getComputedStyle(t);
            const fg = rgb(style.fill);
            // Behind it: the topmost (last drawn) filled box under its middle, else the first opaque HTML background.
            const [x, y] = [box.left + box.width / 2, box.top + box.height / 2];
            let bg = null;
            for (const r of t.ownerSVGElement.querySelectorAll('rect')) {
              const b = r.getBoundingClientRect();
              const c = rgb(getComputedStyle(r).fill);
              if (x >= b.left && x <= b.right && y >= b.top && y <= b.bottom && c && c.a >= 1) bg = c;
            }
            for (let e = t.ownerSVGElement; !bg && e; e = e.parentElement) {
              const c = rgb(getComputedStyle(e).backgroundColor);
              if (c && c.a >= 1) bg = c;
            }
            bg ??= { r: 255, g: 255, b: 255, a: 1 };
            const [hi, lo] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
            const ratio = (hi + 0.05) / (lo + 0.05);
            const size = parseFloat(style.fontSize), bold = Number(style.fontWeight) >= 700;
            const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
            lines.push(`${ratio >= needed ? 'ok' : 'low'} svg text '${t.textContent.trim()}' ${style.fill} on rgb(${bg.r}, ${bg.g}, ${bg.b}): ${ratio.toFixed(2)}:1, needs ${needed}:1`);
          }
          return lines;
        }
        """;

    private string Run => Uri.EscapeDataString(daemon.LiveRun);

    [Fact]
    public async Task AStoredRunReportOpenedFromTheRunsPageDrawsItsChartsInThePageAndInANewTab()
    {
        await using var tab = await daemon.OpenAsync(1280, 900);
        var page = tab.Page;
        await page.GotoAsync($"{daemon.Origin}/#/runs");
        var row = page.Locator("table[aria-label='Run history'] tbody tr", new PageLocatorOptions { Has = page.Locator($"th:text-is('{daemon.StoredRun}')") });
        await row.Locator("button:has-text('Report')").ClickAsync();

        // In the page: a blob: frame, which keeps the console's policy; the report's script is allowed by its hash.
        var frame = await (await page.WaitForSelectorAsync("div.report iframe"))!.ContentFrameAsync();
        Assert.NotNull(frame);
        Assert.StartsWith("blob:", frame.Url, StringComparison.Ordinal);
        await frame.WaitForSelectorAsync("body[data-rendered='true']", new FrameWaitForSelectorOptions { Timeout = 15_000 });
        var inFrame = await frame.EvaluateAsync<int[]>(Ink);
        Assert.True(inFrame[0] >= 3, $"{inFrame[0]} canvases in the report");
        Assert.Equal(inFrame[0], inFrame[1]);
        await tab.ShotAsync("report-in-console");

        // In a new tab: the same blob: URL, the same policy, the same charts.
        var popup = await page.RunAndWaitForPopupAsync(() => page.ClickAsync("div.report a:has-text('open in a new tab')"));
        await popup.WaitForSelectorAsync("body[data-rendered='true']", new PageWaitForSelectorOptions { Timeout = 15_000 });
        var inTab = await popup.EvaluateAsync<int[]>(Ink);
        Assert.Equal(inFrame[0], inTab[0]);
        Assert.Equal(inTab[0], inTab[1]);
        await tab.ShotAsync("report-new-tab", popup);

        Assert.Empty(tab.Problems);
    }

    [Fact]
    public async Task TheTelegramPagePagesAndSearchesADatasetOfMoreThan25FieldsAndReadsOnlyTheFieldsShown()
    {
        await using var tab = await daemon.OpenAsync();
        var page = tab.Page;
        var read = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/fields/", StringComparison.Ordinal))
            {
                lock (read)
                {
                    read.Add(request.Url);
                }
            }
        };
        await page.GotoAsync($"{daemon.Origin}/#/telegram/{Run}/{Uri.EscapeDataString("A/out")}");
        await page.WaitForSelectorAsync("tr[data-field=f01]");
        Assert.Equal(25, await Rows(page));
        Assert.Equal("Fields 1–25 of 30. Page 1 of 2.", await page.TextContentAsync("#fields-status"));
        Assert.True(await page.IsDisabledAsync("button[data-page=previous]"));
        await page.WaitForSelectorAsync("td[data-value=f25]:not(:text-is('–'))");
        Assert.DoesNotContain(Snapshot(read), url => SecondPage().IsMatch(url)); // the fields not shown are not read

        await page.ClickAsync("button[data-page=next]");
        await page.WaitForSelectorAsync("tr[data-field=f30]");
        Assert.Equal(5, await Rows(page));
        Assert.Equal("Fields 26–30 of 30. Page 2 of 2.", await page.TextContentAsync("#fields-status"));
        Assert.True(await page.IsDisabledAsync("button[data-page=next]"));
        await page.WaitForSelectorAsync("td[data-value=f30]:not(:text-is('–'))");
        await tab.ShotAsync("telegram-page-2");

        await page.FillAsync("#field-search", "f1");
        await page.WaitForSelectorAsync("#fields-status:text-is(\"Fields 1–10 of 10 matching 'f1' (30 in all).\")");
        Assert.Equal(Enumerable.Range(10, 10).Select(i => $"f{i}"), await page.EvalOnSelectorAllAsync<string[]>("#fields-table tbody tr", "rows => rows.map(r => r.dataset.field)"));
        await tab.ShotAsync("telegram-search");
        await page.FillAsync("#field-search", "brake");
        await page.WaitForSelectorAsync("#fields-status:text-is(\"No field matches 'brake' (30 in all).\")");
        Assert.Equal(0, await Rows(page));
        await page.FillAsync("#field-search", "");
        await page.WaitForSelectorAsync("#fields-status:text-is('Fields 1–25 of 30. Page 1 of 2.')");

        Assert.Empty(tab.Problems);
    }

    [Fact]
    public async Task APluginPackStartFormHasTypedInputsWithTheDefaultsAndStartsARunWithTheValuesGiven()
    {
        await using var tab = await daemon.OpenAsync();
        var page = tab.Page;
        await page.GotoAsync($"{daemon.Origin}/#/faults/{Run}");
        var pack = page.Locator($"li[data-plugin='{ConsoleDaemonFixture.PackName}']");
        await pack.Locator("summary").ClickAsync();
        const string Input = "#param-" + ConsoleDaemonFixture.PackName + "-";
        Assert.Equal(("number", "2"), await TypeAndValue(page, Input + "count"));
        Assert.Equal(("text", "50ms"), await TypeAndValue(page, Input + "cycle"));
        Assert.Equal(("text", "pack"), await TypeAndValue(page, Input + "label"));
        Assert.Equal("checkbox", await page.GetAttributeAsync(Input + "loud", "type"));
        Assert.False(await page.IsCheckedAsync(Input + "loud"));
        Assert.Contains("duration, default 50ms", await page.TextContentAsync(Input + "cycle-help"), StringComparison.Ordinal);
        await tab.ShotAsync("plugin-form");

        // A value the pack cannot take is refused in the page, before any run starts.
        await page.FillAsync(Input + "cycle", "soon");
        await pack.Locator("button[type=submit]").ClickAsync();
        await pack.Locator("ul.error li:has-text('expected a duration')").WaitForAsync();

        await page.FillAsync(Input + "cycle", "40ms");
        await page.FillAsync(Input + "count", "3");
        await page.CheckAsync(Input + "loud");
        await pack.Locator("button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(ConsolePage.StartedRunUrl());
        var run = Uri.UnescapeDataString(new Uri(page.Url).Fragment.Split('/')[2]);
        Assert.NotEqual(daemon.LiveRun, run);
        await page.WaitForSelectorAsync("dd[data-field=state][data-state=running]");
        using (var detail = await daemon.Api.GetAsync($"/api/runs/{Uri.EscapeDataString(run)}"))
        {
            var root = JsonDocument.Parse(await detail.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("pack-3-40ms-loud", root.GetProperty("name").GetString()); // the pack saw what was typed
        }

        await tab.ShotAsync("plugin-run-started");
        using var stopped = await daemon.Api.PostAsync($"/api/runs/{Uri.EscapeDataString(run)}/stop", null);
        Assert.True(stopped.IsSuccessStatusCode);
        Assert.Empty(tab.Problems);
    }

    [Theory]
    [InlineData(1280, 800)]
    [InlineData(3840, 2160)]
    public async Task EveryPageFitsTheScreenWithoutHorizontalOverflowAndShowsItsMainRegions(int width, int height)
    {
        await using var tab = await daemon.OpenAsync(width, height);
        var page = tab.Page;
        var failures = new List<string>();
        foreach (var key in PageKeys)
        {
            await GoToAsync(page, key);
            // The document no wider than the window, and the header, the navigation, the content and its heading shown
            // inside the window's width.
            var found = await page.EvaluateAsync<string[]>("""
                () => {
                  const failures = [];
                  const inner = window.innerWidth;
                  if (document.documentElement.scrollWidth > inner) failures.push(`the page is ${document.documentElement.scrollWidth} px wide in a ${inner} px window`);
                  const regions = { header: 'header.top', navigation: '#nav', content: '#main', heading: '#main h1', 'first section': '#main .page > :nth-child(2)' };
                  for (const [name, selector] of Object.entries(regions)) {
                    const e = document.querySelector(selector);
                    const r = e?.getBoundingClientRect();
                    if (!r || r.width < 1 || r.height < 1) failures.push(`${name} (${selector}) is not shown`);
                    else if (r.left < 0 || r.right > inner || r.top >= window.innerHeight) failures.push(`${name} (${selector}) is outside the window: ${r.left}..${r.right}, top ${r.top}`);
                  }
                  return failures;
                }
                """);
            failures.AddRange(found.Select(f => $"{key}: {f}"));

            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ConsolePage.Screens(), $"fit-{width}x{height}-{key}.png") });
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Empty(tab.Problems);
    }

    [Fact]
    public async Task EveryPageIsReachedAndUsedWithTheKeyboardAloneWithAVisibleFocus()
    {
        await using var tab = await daemon.OpenAsync();
        var page = tab.Page;
        await GoToAsync(page, "run");

        // The first Tab reaches the skip link, shown when focused; Enter moves the focus to the page's content, the page stays.
        await page.Keyboard.PressAsync("Tab");
        Assert.True(await Focused(page, "a.skip"), "the first Tab does not reach 'Skip to content'");
        Assert.True(await page.IsVisibleAsync("a.skip"));
        var skip = await page.Locator("a.skip").BoundingBoxAsync();
        Assert.True(skip is { X: >= 0, Y: >= 0 }, "the focused skip link is off screen");
        await page.Keyboard.PressAsync("Enter");
        Assert.True(await Focused(page, "#main"), "Enter on the skip link does not move the focus to the content");
        Assert.EndsWith($"#/run/{Run}", page.Url, StringComparison.Ordinal);

        // Train: from the navigation to a telegram's detail.
        await FollowLinkAsync(page, "train");
        await page.WaitForSelectorAsync("svg path.link");
        await TabToAsync(page, "tr[data-telegram='A/out']");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("section.detail h2:has-text('A / out')");

        // Faults: the inject form's first field.
        await FollowLinkAsync(page, "faults");
        await page.WaitForSelectorAsync("#fault-kind option[value=loss]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
        await TabToAsync(page, "#fault-kind");
        await AssertFocusVisibleAsync(page);

        // Telegram: the field search, typed into, and the pager's next button.
        await FollowLinkAsync(page, "telegram");
        await page.WaitForSelectorAsync("tr[data-field=f01]");
        await TabToAsync(page, "#field-search");
        await page.Keyboard.TypeAsync("f2");
        await page.WaitForSelectorAsync("#fields-status:has-text(\"matching 'f2'\")");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.PressAsync("Delete");
        await page.WaitForSelectorAsync("#fields-status:text-is('Fields 1–25 of 30. Page 1 of 2.')");
        await TabToAsync(page, "button[data-page=next]");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("#fields-status:text-is('Fields 26–30 of 30. Page 2 of 2.')");

        // Runs: a stored run's report button.
        await FollowLinkAsync(page, "runs");
        await page.WaitForSelectorAsync($"th:text-is('{daemon.StoredRun}')");
        await TabToAsync(page, "table[aria-label='Run history'] button");
        await AssertFocusVisibleAsync(page);
        await tab.ShotAsync("keyboard-runs");

        // Back to Run.
        await FollowLinkAsync(page, "run");
        await page.WaitForSelectorAsync("figure.chart");
        Assert.Empty(tab.Problems);
    }

    [Fact]
    public async Task TheTextOfEveryPageHasWCAGAAContrastAsAxeCoreMeasuresIt()
    {
        var axe = ConsolePage.AxeCoreScript();
        Assert.True(File.Exists(axe), $"{axe} is missing: cd web/console && npm ci");
        var source = await File.ReadAllTextAsync(axe);
        await using var tab = await daemon.OpenAsync();
        var page = tab.Page;
        var violations = new List<string>();
        var incomplete = new List<string>();
        var passed = 0;
        var svgTexts = 0;
        async Task Measure(string what)
        {
            if (!await page.EvaluateAsync<bool>("() => typeof axe === 'object'"))
            {
                await page.EvaluateAsync(source); // by the DevTools protocol: the page's policy does not apply to it
            }

            var result = await page.EvaluateAsync<JsonElement>("""
                async () => {
                  const r = await axe.run({ exclude: [['svg']] }, { runOnly: { type: 'rule', values: ['color-contrast'] } });
                  const nodes = (list) => list.flatMap(v => v.nodes.map(n => `${n.target.join(' ')}: ${n.any.map(a => a.message).join('; ')}`));
                  return { violations: nodes(r.violations), incomplete: nodes(r.incomplete), passes: r.passes.reduce((n, v) => n + v.nodes.length, 0) };
                }
                """);
            violations.AddRange(result.GetProperty("violations").EnumerateArray().Select(v => $"{what}: {v.GetString()}"));
            incomplete.AddRange(result.GetProperty("incomplete").EnumerateArray().Select(v => $"{what}: {v.GetString()}"));
            passed += result.GetProperty("passes").GetInt32();
            foreach (var line in await page.EvaluateAsync<string[]>(SvgTextContrast))
            {
                svgTexts++;
                if (!line.StartsWith("ok ", StringComparison.Ordinal))
                {
                    violations.Add($"{what}: {line}");
                }
            }
        }

        foreach (var key in PageKeys)
        {
            await GoToAsync(page, key);
            if (key == "faults")
            {
                await page.ClickAsync($"li[data-plugin='{ConsoleDaemonFixture.PackName}'] summary");
            }

            await Measure(key);
        }

        await page.ClickAsync("#token-button");
        await page.WaitForSelectorAsync("#token-dialog[open]");
        await Measure("token dialog");
        await tab.ShotAsync("contrast-token-dialog");

        Assert.True(violations.Count == 0, "text below WCAG AA contrast:\n" + string.Join("\n", violations));
        Assert.True(svgTexts >= 4, $"only {svgTexts} SVG texts were measured (the Train page's devices and ComIds)");
        Assert.True(passed >= 100, $"only {passed} text elements were measured; undecided: {string.Join("\n", incomplete)}");
        Assert.True(incomplete.Count == 0, "contrast axe-core could not decide:\n" + string.Join("\n", incomplete));
        Assert.Empty(tab.Problems);
    }

    /// <summary>Opens a page of the console for the live run and waits until its content is there.</summary>
    private async Task GoToAsync(IPage page, string key)
    {
        await page.GotoAsync($"{daemon.Origin}/#/{key}/{Run}{(key == "telegram" ? "/" + Uri.EscapeDataString("A/out") : "")}");
        await WaitForPageAsync(page, key);
    }

    private async Task WaitForPageAsync(IPage page, string key)
    {
        var ready = key switch
        {
            "run" => "figure.chart[data-points]:not([data-points='0'])",
            "train" => "svg path.link",
            "faults" => $"li[data-plugin='{ConsoleDaemonFixture.PackName}']",
            "telegram" => "td[data-value=f01]:not(:text-is('–'))",
            _ => $"th:text-is('{daemon.StoredRun}')",
        };
        await page.WaitForSelectorAsync(ready);
    }

    /// <summary>Tabs to the navigation link of <paramref name="key"/>, presses Enter and waits for that page.</summary>
    private async Task FollowLinkAsync(IPage page, string key)
    {
        await TabToAsync(page, $"#nav a[href^='#/{key}/']");
        await AssertFocusVisibleAsync(page);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(new Regex($"#/{key}/"));
        await WaitForPageAsync(page, key);
    }

    /// <summary>Presses Tab until <paramref name="selector"/> has the focus (at most 100 times: it must be reachable).</summary>
    private static async Task TabToAsync(IPage page, string selector)
    {
        for (var i = 0; i < 100; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await Focused(page, selector))
            {
                return;
            }
        }

        Assert.Fail($"Tab never reaches {selector} on {page.Url}");
    }

    private static Task<bool> Focused(IPage page, string selector) =>
        page.EvaluateAsync<bool>("(s) => document.activeElement?.matches(s) ?? false", selector);

    private static async Task AssertFocusVisibleAsync(IPage page)
    {
        var outline = await page.EvaluateAsync<string>("() => { const s = getComputedStyle(document.activeElement); return `${s.outlineStyle} ${s.outlineWidth}`; }");
        Assert.False(outline.StartsWith("none", StringComparison.Ordinal) || outline.EndsWith(" 0px", StringComparison.Ordinal), $"the focused element shows no outline ({outline})");
    }

    private static Task<int> Rows(IPage page) => page.Locator("#fields-table tbody tr").CountAsync();

    private static async Task<(string?, string)> TypeAndValue(IPage page, string selector) =>
        (await page.GetAttributeAsync(selector, "type"), await page.InputValueAsync(selector));

    private static List<string> Snapshot(List<string> list)
    {
        lock (list)
        {
            return [.. list];
        }
    }

    [GeneratedRegex(@"/fields/f(2[6-9]|30)(\?|$)")]
    private static partial Regex SecondPage();
}
