using System.Text.Json;
using TrdpSim.Records.Analysis;
using TrdpSim.Reporting;

namespace TrdpSim.Records.Reports;

/// <summary>Writes the run data a report's charts draw (the shape of tools/report-ui/src/data.ts): one time axis
/// (run seconds at each interval's end), per group the charts of its kind, the process's figures, the events and
/// the spans of faults and threshold breaches.</summary>
/// <remarks>Units are the reader's: rates per second, loss in %, latencies in µs, memory in MiB. An interval
/// without data for a figure is null (a gap in the curve), never 0.</remarks>
internal static class ReportData
{
    private const double Micro = 1_000;
    private const double MiB = 1024 * 1024;

    public static void Write(Utf8JsonWriter json, RunRecord record)
    {
        json.WriteStartObject();
        json.WriteString("id", record.Run.Id);
        IReadOnlyList<ProcessRow> process = record.Process;
        var index = new Dictionary<long, int>(process.Count);
        json.WriteStartArray("t");
        for (int i = 0; i < process.Count; i++)
        {
            index[process[i].Sequence] = i;
            json.WriteNumberValue(process[i].EndMilliseconds / 1000.0);
        }

        json.WriteEndArray();
        JsonLists.WriteObjects(json, "groups", record.Groups, (json, group) =>
        {
            IntervalRow?[] rows = Align(record.Series[group.Index], index, process.Count);
            double[] seconds = Seconds(process);
            json.WriteString("label", group.Label);
            json.WriteStartArray("charts");
            WriteCharts(json, group, rows, seconds);
            json.WriteEndArray();
        });
        json.WriteStartArray("process");
        Chart(json, "memory", "MiB",
            ("resident (RSS)", process.Select(p => (double?)(p.ResidentBytes / MiB))),
            ("managed heap", process.Select(p => (double?)(p.HeapBytes / MiB))),
            ("generation 2", process.Select(p => (double?)(p.GcHeap.Gen2Bytes / MiB))),
            ("heap after the last full GC", process.Select(p => p.GcHeap.FullCollectionIndex > 0 ? p.GcHeap.FullHeapBytes / MiB : (double?)null)));
        Chart(json, "open files and threads", "count",
            ("file descriptors", process.Select(p => (double?)p.OpenFiles)),
            ("threads", process.Select(p => (double?)p.Threads)));
        Chart(json, "timing wheel wake-up lateness", "µs",
            ("p99", process.Select(p => (double?)(p.WheelP99 / Micro))),
            ("max", process.Select(p => (double?)(p.WheelMax / Micro))));
        json.WriteEndArray();

        JsonLists.WriteObjects(json, "events", record.Events, static (json, e) =>
        {
            json.WriteNumber("t", e.AtMilliseconds / 1000.0);
            SeriesExport.WriteEventMembers(json, e);
        });
        long runEnd = process.Count > 0 ? process[^1].EndMilliseconds : 0;
        Spans(json, "faults", record.Events, StoredEventKinds.FaultStart, StoredEventKinds.FaultEnd, runEnd);
        Spans(json, "breaches", record.Events, StoredEventKinds.ThresholdBreach, StoredEventKinds.ThresholdRecovery, runEnd);
        json.WriteEndObject();
    }

    private static void WriteCharts(Utf8JsonWriter json, StoredGroup group, IntervalRow?[] rows, double[] seconds)
    {
        switch (group.Kind)
        {
            case "publish":
                Chart(json, "send rate", "/s", Rate("sent", rows, seconds, IntervalColumns.Sent), Rate("send failures", rows, seconds, IntervalColumns.SendFailures));
                Percentiles(json, "send lateness", rows, latency: true);
                break;
            case "subscribe":
                Chart(json, "receive rate", "/s", Rate("received", rows, seconds, IntervalColumns.Received), Rate("lost", rows, seconds, IntervalColumns.Lost),
                    Rate("timeouts", rows, seconds, IntervalColumns.Timeouts));
                Chart(json, "loss", "%", ("loss", rows.Select(r => r is null ? null : IntervalMetric.Loss.Value(r, 1) * 100)));
                Percentiles(json, "inter-arrival jitter", rows, latency: false);
                break;
            case "pull":
                Chart(json, "pulls", "/s", Rate("requests", rows, seconds, IntervalColumns.PullRequests), Rate("replies", rows, seconds, IntervalColumns.PullReplies),
                    Rate("timeouts", rows, seconds, IntervalColumns.Timeouts));
                Percentiles(json, "round trip", rows, latency: true);
                break;
            case "md-caller":
                Chart(json, "MD calls", "/s", Rate("calls", rows, seconds, IntervalColumns.MdCalls), Rate("ok", rows, seconds, IntervalColumns.MdOk),
                    Rate("timeouts", rows, seconds, IntervalColumns.MdTimeouts), Rate("errors", rows, seconds, IntervalColumns.MdErrors),
                    Rate("late replies", rows, seconds, IntervalColumns.MdLate));
                Percentiles(json, "round trip", rows, latency: true);
                break;
            default:
                Chart(json, "MD requests", "/s", Rate("requests", rows, seconds, IntervalColumns.MdRequests), Rate("replies", rows, seconds, IntervalColumns.MdReplies),
                    Rate("no reply", rows, seconds, IntervalColumns.MdNoReplies), Rate("errors sent", rows, seconds, IntervalColumns.MdErrorsSent));
                Percentiles(json, "reply delay", rows, latency: true);
                break;
        }
    }

    private static (string, IEnumerable<double?>) Rate(string name, IntervalRow?[] rows, double[] seconds, int column) =>
        (name, rows.Select((r, i) => r is null || seconds[i] <= 0 ? null : (double?)(r[column] / seconds[i])));

    private static void Percentiles(Utf8JsonWriter json, string title, IntervalRow?[] rows, bool latency)
    {
        (string, IEnumerable<double?>) Column(string name, int p) =>
            (name, rows.Select(r => r is null ? null : (latency ? r.Latency : r.Jitter) is var d && d[0] > 0 ? (double?)(d[p] / Micro) : null));
        Chart(json, title, "µs", Column("p50", 1), Column("p90", 2), Column("p99", 3), Column("max", 5));
    }

    private static void Chart(Utf8JsonWriter json, string title, string unit, params (string Name, IEnumerable<double?> Values)[] series)
    {
        json.WriteStartObject();
        json.WriteString("title", title);
        json.WriteString("unit", unit);
        JsonLists.WriteObjects(json, "series", series, (json, s) =>
        {
            json.WriteString("name", s.Name);
            json.WriteString("unit", unit);
            json.WriteStartArray("values");
            foreach (double? value in s.Values)
            {
                if (value is { } v && double.IsFinite(v))
                {
                    json.WriteNumberValue(Math.Round(v, 3));
                }
                else
                {
                    json.WriteNullValue();
                }
            }

            json.WriteEndArray();
        });
        json.WriteEndObject();
    }

    private static void Spans(Utf8JsonWriter json, string name, IReadOnlyList<StoredEvent> events, string startKind, string endKind, long runEnd)
    {
        json.WriteStartArray(name);
        for (int i = 0; i < events.Count; i++)
        {
            if (events[i].Kind != startKind)
            {
                continue;
            }

            long end = runEnd;
            for (int j = i + 1; j < events.Count; j++)
            {
                if (events[j].Kind == endKind && events[j].Subject == events[i].Subject)
                {
                    end = events[j].AtMilliseconds;
                    break;
                }
            }

            json.WriteStartObject();
            json.WriteNumber("from", events[i].AtMilliseconds / 1000.0);
            json.WriteNumber("to", Math.Max(end, events[i].AtMilliseconds) / 1000.0);
            json.WriteString("label", events[i].Subject);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>A group's rows placed on the run's interval axis (null where the group has no row).</summary>
    private static IntervalRow?[] Align(IReadOnlyList<IntervalRow> rows, Dictionary<long, int> index, int count)
    {
        var aligned = new IntervalRow?[count];
        foreach (IntervalRow row in rows)
        {
            if (index.TryGetValue(row.Sequence, out int i))
            {
                aligned[i] = row;
            }
        }

        return aligned;
    }

    private static double[] Seconds(IReadOnlyList<ProcessRow> process)
    {
        var seconds = new double[process.Count];
        long start = 0;
        for (int i = 0; i < process.Count; i++)
        {
            seconds[i] = (process[i].EndMilliseconds - start) / 1000.0;
            start = process[i].EndMilliseconds;
        }

        return seconds;
    }
}
