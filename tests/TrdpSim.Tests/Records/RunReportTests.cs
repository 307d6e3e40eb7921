using System.Text.Json;
using System.Text.RegularExpressions;
using TrdpSim.Records;
using TrdpSim.Records.Reports;
using Xunit;

namespace TrdpSim.Tests.Records;

/// <summary>The HTML report is one self-contained page: the chart bundle and the run's data inline, text from the
/// run escaped, nothing loaded from elsewhere; the exports carry every interval.</summary>
public sealed partial class RunReportTests : IDisposable
{
    private readonly StoreFixture _fixture = new();

    [Fact]
    public void TheReportInlinesItsScriptAndDataAndEscapesTheRunsText()
    {
        RunWriter writer = _fixture.Store.Begin(StoreFixture.Start("<b>plan</b>"), DateTime.UtcNow);
        writer.Add(StoreFixture.Interval(0, 100, 0, 1000));
        writer.Add(new StoredEvent(500, DateTime.UtcNow, StoredEventKinds.Ingested, "http:tool", "</script><script>alert(1)</script>", "x"));
        writer.Finish(new RunFinish(RunState.Completed, DateTime.UtcNow, "completed", null, null));
        string html = RunReport.Html(_fixture.Store.Load(writer.Id));

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;plan&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(ExternalResource(), html);
        Assert.Equal(2, ScriptTags().Count(html)); // the data and the bundle, both inline
        Match data = RunData().Match(html);
        Assert.True(data.Success);
        using JsonDocument parsed = JsonDocument.Parse(data.Groups[1].Value);
        Assert.Equal(1, parsed.RootElement.GetProperty("t").GetArrayLength());
        Assert.Equal(2, parsed.RootElement.GetProperty("groups").GetArrayLength());
    }

    [Fact]
    public void TheJsonExportCarriesEveryIntervalOfEveryGroup()
    {
        string id = _fixture.Write(3, i => StoreFixture.Interval(i, 100, i, 1000));
        using var buffer = new MemoryStream();
        SeriesExport.WriteJson(buffer, _fixture.Store.Load(id));
        using JsonDocument json = JsonDocument.Parse(buffer.ToArray());
        JsonElement groups = json.RootElement.GetProperty("groups");
        Assert.Equal(2, groups.GetArrayLength());
        JsonElement intervals = groups[1].GetProperty("intervals");
        Assert.Equal(3, intervals.GetArrayLength());
        Assert.Equal(2, intervals[2].GetProperty("lost").GetInt64());
        Assert.Equal(1000, groups[0].GetProperty("intervals")[0].GetProperty("lat").GetProperty("p99").GetInt64());
    }

    [Fact]
    public void TheProcessSectionTellsTheHeapAfterFullCollectionsFromTheHeapNow()
    {
        string id = _fixture.Write(3, i =>
        {
            IntervalBatch interval = StoreFixture.Interval(i, 100, 0, 1000);
            // Full collection #4 seen in the first two intervals, #9 in the third; generation 2 grows meanwhile.
            var heap = i < 2 ? new GcHeapFigures(21 << 20, 1 << 20, 4, (10 + i) << 20) : new GcHeapFigures(22 << 20, 3 << 20, 9, 12 << 20);
            interval.Process = interval.Process with { GcHeap = heap };
            return interval;
        });
        RunRecord record = _fixture.Store.Load(id);
        string html = RunReport.Html(record);

        Assert.Contains("Managed heap: kept or not yet collected", html, StringComparison.Ordinal);
        Assert.Contains("generation 2 12.0 MiB; after the last full collection the heap was 22.0 MiB (3.0 MiB of it free)", html, StringComparison.Ordinal);
        IReadOnlyList<IReadOnlyList<string>> fulls = GcHeapTable.FullCollections(record.Process);
        Assert.Equal(2, fulls.Count);
        Assert.Equal(["#1 s", "#4", "#21.0 MiB", "#1.0 MiB"], fulls[0]);
        Assert.Equal(["#3 s", "#9", "#22.0 MiB", "#3.0 MiB"], fulls[1]);

        using var buffer = new MemoryStream();
        SeriesExport.WriteJson(buffer, record);
        using JsonDocument json = JsonDocument.Parse(buffer.ToArray());
        JsonElement last = json.RootElement.GetProperty("process")[2];
        Assert.Equal(12 << 20, last.GetProperty("gen2Bytes").GetInt64());
        Assert.Equal(22 << 20, last.GetProperty("fullHeapBytes").GetInt64());
        Assert.Equal(3 << 20, last.GetProperty("fullFragmentedBytes").GetInt64());
        Assert.Equal(9, last.GetProperty("fullGcIndex").GetInt64());
    }

    [Fact]
    public void AReportOfARunStoredWithoutHeapFiguresSaysNothingAboutThem()
    {
        string id = _fixture.Write(1, i => StoreFixture.Interval(i, 100, 0, 1000));
        Assert.DoesNotContain("Managed heap: kept", RunReport.Html(_fixture.Store.Load(id)), StringComparison.Ordinal);
    }

    [GeneratedRegex("<script type=\"application/json\" id=\"run-data\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex RunData();

    [GeneratedRegex("<script[ >]")]
    private static partial Regex ScriptTags();

    [GeneratedRegex("(src|href)=\"(https?:)?//")]
    private static partial Regex ExternalResource();

    public void Dispose() => _fixture.Dispose();
}
