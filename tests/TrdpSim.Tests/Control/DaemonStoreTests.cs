using System.Net;
using System.Text.Json;
using TrdpSim.Records.Analysis;
using TrdpSim.Records.Reports;
using static TrdpSim.Tests.Control.ControlServerHarness;

namespace TrdpSim.Tests.Control;

/// <summary>Daemon runs in the run store, over HTTP: each run recorded as <c>trdpsim run</c> records itself (manifest
/// and inputs, intervals, control actions with their client, paused and stopped), and <c>/api/store/runs</c> lists,
/// shows, reports, exports and deletes stored runs; unknown ids are 404, no token 401.</summary>
public sealed class DaemonStoreTests
{
    [Fact]
    public async Task ADaemonRunIsRecordedWithItsInputsControlActionsPausedAndStoppedStates()
    {
        await using var h = await StartAsync(store: true);
        var plan = h.Files.Pair("stored");
        var id = await h.StartRunAsync(plan);
        var (_, detail) = await ReadAsync(h.Client.GetAsync($"/api/runs/{id}"));
        var stored = detail.GetProperty("storeId").GetString()!;
        Assert.Matches("^[0-9]{8}-[0-9]{6}-[0-9a-f]{4}$", stored);

        Assert.Equal(200, (await ReadAsync(h.Client.PostAsync($"/api/runs/{id}/pause", null))).Status);
        await WaitForStateAsync(h, stored, "paused");
        Assert.Equal(200, (await ReadAsync(h.Client.PostAsync($"/api/runs/{id}/resume", null))).Status);
        await WaitForStateAsync(h, stored, "running");
        Assert.Equal(200, (await ReadAsync(h.Client.PostAsync($"/api/runs/{id}/telegrams/out/cycle", Json("""{"cycle":"20ms"}""")))).Status);
        Assert.Equal(200, (await ReadAsync(h.Client.PostAsync($"/api/runs/{id}/stop", null))).Status);

        var (status, list) = await ReadAsync(h.Client.GetAsync("/api/store/runs"));
        Assert.Equal(200, status);
        var item = Assert.Single(list.EnumerateArray());
        Assert.Equal((stored, "stored", "stopped"), (item.GetProperty("id").GetString(), item.GetProperty("name").GetString(), item.GetProperty("state").GetString()));
        Assert.True(item.GetProperty("intervals").GetInt64() >= 1);

        (status, var show) = await ReadAsync(h.Client.GetAsync($"/api/store/runs/{stored}"));
        Assert.Equal(200, status);
        Assert.Equal(["serve", "POST /api/runs", plan], show.GetProperty("commandLine").EnumerateArray().Select(e => e.GetString()));
        var input = Assert.Single(show.GetProperty("inputs").EnumerateArray());
        Assert.Equal(new FileInfo(plan).Length, input.GetProperty("bytes").GetInt64());
        Assert.Equal(2, show.GetProperty("groups").GetArrayLength());
        var control = show.GetProperty("events").EnumerateArray().Where(e => e.GetProperty("kind").GetString() == "control").ToList();
        Assert.Equal(["start run", "pause", "resume", "set cycle", "stop run"],
            control.Select(e => e.GetProperty("detail").GetString()!.Split(':')[0]));
        Assert.All(control.Skip(1), e => Assert.StartsWith("http:", e.GetProperty("source").GetString(), StringComparison.Ordinal));
        Assert.Equal(h.Store!.Inputs(stored)[0].Content, await File.ReadAllBytesAsync(plan));
    }

    [Fact]
    public async Task AStoredRunHasItsHtmlReportAndItsSeriesAsCsvAndJsonAndAFinishedOneCanBeDeleted()
    {
        await using var h = await StartAsync(store: true);
        var id = await h.StartRunAsync(h.Files.Pair("reported"));
        var (_, detail) = await ReadAsync(h.Client.GetAsync($"/api/runs/{id}"));
        var stored = detail.GetProperty("storeId").GetString()!;
        var (status, body) = await ReadAsync(h.Client.DeleteAsync($"/api/store/runs/{stored}"));
        Assert.Equal(409, status); // still playing
        Assert.Contains("running", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(200, (await ReadAsync(h.Client.PostAsync($"/api/runs/{id}/stop", null))).Status);

        using (var report = await h.Client.GetAsync($"/api/store/runs/{stored}/report"))
        {
            Assert.Equal(HttpStatusCode.OK, report.StatusCode);
            Assert.Equal("text/html", report.Content.Headers.ContentType!.MediaType);
            var html = await report.Content.ReadAsStringAsync();
            Assert.StartsWith("<!DOCTYPE html>", html.TrimStart(), StringComparison.OrdinalIgnoreCase);
            Assert.Contains(stored, html, StringComparison.Ordinal);
        }

        using (var csv = await h.Client.GetAsync($"/api/store/runs/{stored}/series?format=csv"))
        {
            Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
            Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
            Assert.True((await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length >= 2);
        }

        using (var json = await h.Client.GetAsync($"/api/store/runs/{stored}/series"))
        {
            Assert.Equal(HttpStatusCode.OK, json.StatusCode);
            Assert.Equal("application/json", json.Content.Headers.ContentType!.MediaType);
            using var document = JsonDocument.Parse(await json.Content.ReadAsStringAsync());
        }

        Assert.Equal(400, (await ReadAsync(h.Client.GetAsync($"/api/store/runs/{stored}/series?format=xml"))).Status);
        Assert.Equal(200, (await ReadAsync(h.Client.DeleteAsync($"/api/store/runs/{stored}"))).Status);
        Assert.Equal(404, (await ReadAsync(h.Client.GetAsync($"/api/store/runs/{stored}"))).Status);
        (status, body) = await ReadAsync(h.Client.GetAsync("/api/store/runs"));
        Assert.Equal(0, body.GetArrayLength());
    }

    [Fact]
    public async Task UnknownStoredRunsAre404EveryStoreEndpointNeedsTheTokenAndWithoutAStoreTheyAre503()
    {
        await using var h = await StartAsync(store: true);
        foreach (var path in new[] { "/api/store/runs/20990101-000000-beef", "/api/store/runs/20990101-000000-beef/report", "/api/store/runs/20990101-000000-beef/series" })
        {
            var (status, body) = await ReadAsync(h.Client.GetAsync(path));
            Assert.True(status == 404, $"{path}: {status}");
            Assert.Contains("no run '20990101-000000-beef'", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(404, (await ReadAsync(h.Client.DeleteAsync("/api/store/runs/20990101-000000-beef"))).Status);
        foreach (var path in new[] { "/api/store/runs", "/api/store/runs/latest", "/api/store/runs/latest/report", "/api/store/runs/latest/series" })
        {
            Assert.Equal(401, (await ReadAsync(h.Anonymous.GetAsync(path))).Status);
        }

        Assert.Equal(401, (await ReadAsync(h.Anonymous.DeleteAsync("/api/store/runs/latest"))).Status);

        await using var without = await StartAsync();
        Assert.Equal(503, (await ReadAsync(without.Client.GetAsync("/api/store/runs"))).Status);
    }

    [Fact]
    public async Task TwoStoredRunsComparePerGroupAsTrdpsimComparePrintsThemUnknownIdsAre404AndNoToken401()
    {
        await using var h = await StartAsync(store: true);
        var stored = new List<string>();
        var plan = h.Files.Pair("compared");
        for (int i = 0; i < 2; i++)
        {
            var id = await h.StartRunAsync(plan);
            var (_, detail) = await ReadAsync(h.Client.GetAsync($"/api/runs/{id}"));
            stored.Add(detail.GetProperty("storeId").GetString()!);
            Assert.Equal(200, (await ReadAsync(h.Client.PostAsync($"/api/runs/{id}/stop", null))).Status);
        }

        var (status, body) = await ReadAsync(h.Client.GetAsync($"/api/store/runs/compare?a={stored[0]}&b={stored[1]}"));
        Assert.Equal(200, status);
        Assert.Equal((stored[0], stored[1]), (body.GetProperty("a").GetProperty("id").GetString(), body.GetProperty("b").GetProperty("id").GetString()));
        Assert.True(body.GetProperty("sameScenario").GetBoolean());
        var rows = body.GetProperty("rows").EnumerateArray().ToList();
        // Both groups of the pair with their kind's figures, then the rejects: the rows RunComparison gives, in its order.
        var comparison = RunComparison.Compare(h.Store!.Load(stored[0]), h.Store.Load(stored[1]));
        Assert.Equal(comparison.Rows.Select(r => (r.Group, r.Metric.Name, ComparisonRules.Label(r.Flag))),
            rows.Select(r => (r.GetProperty("group").GetString()!, r.GetProperty("figure").GetString()!, r.GetProperty("flag").GetString()!)));
        Assert.Equal(3, rows.Select(r => r.GetProperty("group").GetString()).Distinct().Count());
        Assert.Equal("rejects", rows[^1].GetProperty("group").GetString());
        Assert.All(rows, r => Assert.Contains(r.GetProperty("flag").GetString(), new[] { "normal", "warning", "critical" }));
        Assert.Equal(ComparisonRules.Label(comparison.Worst), body.GetProperty("worst").GetString());
        Assert.Equal(ComparisonReport.Text(comparison, all: false), body.GetProperty("text").GetString());

        (status, body) = await ReadAsync(h.Client.GetAsync($"/api/store/runs/compare?a={stored[0]}&b=20990101-000000-beef"));
        Assert.Equal(404, status);
        Assert.Contains("no run '20990101-000000-beef'", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(400, (await ReadAsync(h.Client.GetAsync($"/api/store/runs/compare?a={stored[0]}"))).Status);
        Assert.Equal(401, (await ReadAsync(h.Anonymous.GetAsync($"/api/store/runs/compare?a={stored[0]}&b={stored[1]}"))).Status);
    }

    private static async Task WaitForStateAsync(ControlServerHarness h, string stored, string state)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var (_, show) = await ReadAsync(h.Client.GetAsync($"/api/store/runs/{stored}"));
            var now = show.GetProperty("run").GetProperty("state").GetString();
            if (now == state)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the stored run stayed {now}, not {state}");
            await Task.Delay(100);
        }
    }
}
