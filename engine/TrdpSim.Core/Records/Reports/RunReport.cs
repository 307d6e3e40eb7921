using System.Globalization;
using System.Text;
using System.Text.Json;
using TrdpSim.Records.Analysis;

namespace TrdpSim.Records.Reports;

/// <summary>A stored run as one self-contained HTML page: verdict, thresholds, charts over time per telegram group
/// annotated with faults, control actions and threshold breaches, each fault's impact, the events, the process's
/// figures and the manifest (enough to play the run again).</summary>
internal static class RunReport
{
    /// <summary>At most this many events are listed (the charts show them all).</summary>
    public const int EventRows = 500;

    public static string Html(RunRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        StoredRun run = record.Run;
        var page = new HtmlPage();
        page.Heading(1, $"trdpsim run {run.Id} — {run.Name}");
        string verdict = run.Verdict ?? (RunStates.IsLive(run.State) ? "still playing" : "none");
        page.Raw($"<p>State <b>{HtmlPage.Encode(RunStates.Label(run.State))}</b>, verdict <span class=\"verdict-{HtmlPage.Encode(verdict)}\">{HtmlPage.Encode(verdict)}</span>" +
                 $" — {HtmlPage.Encode(Describe(run))}</p>\n");
        page.Table(["", ""], Facts(record));

        page.Heading(2, "Thresholds");
        if (record.Thresholds.Count == 0)
        {
            page.Paragraph("none");
        }
        else
        {
            page.Table(["threshold", "verdict", "observed", "failed at", "detail"], record.Thresholds.Select(t => (IReadOnlyList<string>)
            [
                t.Text,
                t.Passed is null ? "flag-warning|unknown" : t.Passed.Value ? "verdict-passed|passed" : "verdict-failed|failed",
                t.Observed ?? "",
                t.FailedAtMilliseconds is { } at ? Seconds(at) : "",
                t.Detail ?? "",
            ]), new HashSet<int> { 1 });
        }

        page.Heading(2, "Over time");
        page.Raw("<p>Per interval of " + HtmlPage.Encode(Seconds(run.IntervalMilliseconds)) + ": " +
                 "<span class=\"legend-key\" style=\"background: rgba(255,165,0,0.35)\"></span>fault acting" +
                 "<span class=\"legend-key\" style=\"background: rgba(220,20,60,0.3)\"></span>threshold failing" +
                 "<span class=\"legend-key\" style=\"border-left: 2px dashed rgb(60,60,200)\"></span>control action</p>\n");
        page.Raw("<div id=\"charts\"></div>\n");

        page.Heading(2, "Fault impact");
        List<ImpactRow> impacts = FaultImpact.Analyse(record);
        if (impacts.Count == 0)
        {
            page.Paragraph(FaultImpact.Windows(record).Count == 0 ? "no faults or control actions in this run" : "no figure left its calm band during a fault or control action");
        }
        else
        {
            page.Table(["fault / action", "from", "to", "group", "figure", "calm", "during", "change", "recovered after", "note"],
                impacts.Select(i => (IReadOnlyList<string>)
                [
                    i.Event, "#" + Seconds(i.FromMilliseconds), "#" + (i.ToMilliseconds is { } to ? Seconds(to) : "end"), i.Group, i.Metric.Name,
                    "#" + i.Metric.Format(i.Before), "#" + i.Metric.Format(i.During), "#" + Percent(i.RelativeChange),
                    "#" + (i.RecoveryMilliseconds is { } r ? Seconds(r) : "–"), i.Note,
                ]));
        }

        page.Heading(2, "Events");
        if (record.Events.Count == 0)
        {
            page.Paragraph("none");
        }
        else
        {
            page.Table(["run time", "UTC", "kind", "source", "subject", "detail"], record.Events.Take(EventRows).Select(e => (IReadOnlyList<string>)
                ["#" + Seconds(e.AtMilliseconds), Utc(e.Utc), e.Kind, e.Source, e.Subject, e.Detail]));
            if (record.Events.Count > EventRows)
            {
                page.Paragraph($"… and {record.Events.Count - EventRows} more (trdpsim report --format json lists them all)");
            }
        }

        page.Heading(2, "Process");
        page.Raw("<div id=\"process-charts\"></div>\n");
        if (GcHeapTable.Summary(record.Process) is { } heap)
        {
            page.Heading(3, "Managed heap: kept or not yet collected");
            page.Paragraph(heap);
            IReadOnlyList<IReadOnlyList<string>> fulls = GcHeapTable.FullCollections(record.Process);
            if (fulls.Count > 0)
            {
                page.Table(["first seen at", "collection", "heap after it", "free inside it"], fulls);
            }
        }

        if (record.Rejects.Count > 0)
        {
            var byReason = record.Rejects.GroupBy(r => r.Reason).Select(g => (IReadOnlyList<string>)[g.Key, "#" + g.Sum(r => r.Count).ToString(CultureInfo.InvariantCulture)]);
            page.Heading(3, "Rejected frames");
            page.Table(["reason", "frames"], byReason);
        }

        page.Heading(2, "Manifest");
        page.Table(["", ""], Manifest(record));
        page.Heading(3, "Inputs");
        page.Table(["file", "SHA-256", "bytes"], record.Inputs.Select(i => (IReadOnlyList<string>)
            [i.Path, i.Sha256 ?? "unreadable", "#" + i.Bytes.ToString(CultureInfo.InvariantCulture)]));
        page.Paragraph($"Play it again: trdpsim runs inputs {run.Id} -o <folder>, then trdpsim run with the command line above from that folder.");

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            ReportData.Write(json, record);
        }

        return page.Render($"trdpsim run {run.Id} — {run.Name}", Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static string Describe(StoredRun run) =>
        $"{run.StopReason ?? "playing"}, {Seconds((long)run.Duration.TotalMilliseconds)} played, {run.Intervals} interval(s)";

    private static IEnumerable<IReadOnlyList<string>> Facts(RunRecord record)
    {
        StoredRun run = record.Run;
        yield return ["run", run.Id];
        yield return ["plan", run.Name];
        yield return ["scenario key", run.ScenarioKey];
        yield return ["started (UTC)", run.StartedUtc is { } s ? Utc(s) : "–"];
        yield return [run.State == RunState.Crashed ? "last checkpoint (UTC)" : "stopped (UTC)", run.StoppedUtc is { } t ? Utc(t) : "–"];
        yield return ["duration requested", record.DurationRequested is { } d ? Seconds((long)d.TotalMilliseconds) : "until stopped"];
        yield return ["seed", run.Seed.ToString(CultureInfo.InvariantCulture)];
        yield return ["trdpsim", $"{run.Version} ({run.Commit})"];
    }

    private static IEnumerable<IReadOnlyList<string>> Manifest(RunRecord record)
    {
        yield return ["command line", "trdpsim " + string.Join(' ', ManifestParts.ReadStrings(record.CommandLineJson))];
        using (JsonDocument parameters = JsonDocument.Parse(record.ParametersJson))
        {
            foreach (JsonElement p in parameters.RootElement.EnumerateArray())
            {
                yield return ["parameter " + p.GetProperty("name").GetString(), p.GetProperty("value").GetString() ?? ""];
            }
        }

        using JsonDocument host = JsonDocument.Parse(record.HostJson);
        foreach (JsonProperty property in host.RootElement.EnumerateObject())
        {
            yield return ["host " + property.Name, property.Value.ToString()];
        }
    }

    internal static string Seconds(long milliseconds) => FormattableString.Invariant($"{milliseconds / 1000.0:0.###} s");

    internal static string Percent(double ratio) =>
        double.IsNaN(ratio) ? "–" : double.IsInfinity(ratio) ? (ratio > 0 ? "+∞" : "−∞") : FormattableString.Invariant($"{ratio * 100:+0.#;-0.#;0} %");

    internal static string Utc(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);
}
