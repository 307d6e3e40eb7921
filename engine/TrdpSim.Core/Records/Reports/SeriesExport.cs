using System.Globalization;
using System.Text;
using System.Text.Json;
using TrdpSim.Reporting;

namespace TrdpSim.Records.Reports;

/// <summary>A stored run's per-interval series for other tools: CSV (one row per group and interval, columns named
/// as in <see cref="IntervalColumns"/>; <see cref="SeriesParquet"/> writes the same rows typed) and JSON (the run, its groups with their intervals, the process's figures
/// and the events).</summary>
/// <remarks>Both stream row by row from the loaded record; percentiles are nanoseconds, counters are deltas of
/// the interval.</remarks>
internal static class SeriesExport
{
    /// <summary>The members of one interval's process figures in the JSON export, in key order.</summary>
    private static readonly (string Key, Func<ProcessRow, long> Read)[] ProcessMembers =
    [
        ("seq", static p => p.Sequence),
        ("endMs", static p => p.EndMilliseconds),
        ("rssBytes", static p => p.ResidentBytes),
        ("heapBytes", static p => p.HeapBytes),
        ("gen2Bytes", static p => p.GcHeap.Gen2Bytes),
        ("fullHeapBytes", static p => p.GcHeap.FullHeapBytes),
        ("fullFragmentedBytes", static p => p.GcHeap.FullFragmentedBytes),
        ("fullGcIndex", static p => p.GcHeap.FullCollectionIndex),
        ("allocatedBytes", static p => p.AllocatedBytes),
        ("gen0", static p => p.Gen0),
        ("gen1", static p => p.Gen1),
        ("gen2", static p => p.Gen2),
        ("openFiles", static p => p.OpenFiles),
        ("threads", static p => p.Threads),
        ("wheelP99Ns", static p => p.WheelP99),
        ("wheelMaxNs", static p => p.WheelMax),
        ("storeDrops", static p => p.StoreDrops),
    ];

    public static void WriteCsv(TextWriter output, RunRecord record)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(record);
        output.WriteLine("run_id,group,kind,device,name,com_id,seq,end_ms," + string.Join(',', FigureColumnNames()));
        int figures = FigureColumnNames().Length;
        var line = new StringBuilder();
        foreach (StoredGroup group in record.Groups)
        {
            foreach (IntervalRow row in record.Series[group.Index])
            {
                line.Clear();
                line.Append(record.Run.Id).Append(',').Append(group.Index.ToString(CultureInfo.InvariantCulture)).Append(',')
                    .Append(group.Kind).Append(',').Append(Quote(group.Device)).Append(',').Append(Quote(group.Name)).Append(',')
                    .Append(group.ComId.ToString(CultureInfo.InvariantCulture)).Append(',')
                    .Append(row.Sequence.ToString(CultureInfo.InvariantCulture)).Append(',').Append(row.EndMilliseconds.ToString(CultureInfo.InvariantCulture));
                for (int c = 0; c < figures; c++)
                {
                    line.Append(',').Append(Figure(row, c).ToString(CultureInfo.InvariantCulture));
                }

                output.WriteLine(line.ToString());
            }
        }
    }

    public static void WriteJson(Stream output, RunRecord record)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(record);
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        StoredRun run = record.Run;
        json.WriteStartObject();
        json.WriteStartObject("run");
        json.WriteString("id", run.Id);
        json.WriteString("name", run.Name);
        json.WriteString("scenarioKey", run.ScenarioKey);
        json.WriteString("state", RunStates.Label(run.State));
        json.WriteString("stopReason", run.StopReason);
        json.WriteString("verdict", run.Verdict);
        json.WriteNumber("intervalMs", run.IntervalMilliseconds);
        json.WriteString("seed", run.Seed.ToString(CultureInfo.InvariantCulture));
        json.WriteString("version", run.Version);
        json.WriteString("commit", run.Commit);
        json.WriteEndObject();
        JsonLists.WriteObjects(json, "groups", record.Groups, (json, group) =>
        {
            json.WriteNumber("index", group.Index);
            json.WriteString("kind", group.Kind);
            json.WriteString("device", group.Device);
            json.WriteString("name", group.Name);
            json.WriteNumber("comId", group.ComId);
            json.WriteNumber("instances", group.Instances);
            JsonLists.WriteObjects(json, "intervals", record.Series[group.Index], static (json, row) =>
            {
                json.WriteNumber("seq", row.Sequence);
                json.WriteNumber("endMs", row.EndMilliseconds);
                for (int c = 0; c < IntervalColumns.Count; c++)
                {
                    json.WriteNumber(IntervalColumns.Names[c], row.Counters[c]);
                }

                Distribution(json, "lat", row.Latency);
                Distribution(json, "jit", row.Jitter);
            });
        });
        JsonLists.WriteObjects(json, "process", record.Process, static (json, p) => JsonNumbers.WriteMembers(json, p, ProcessMembers));
        JsonLists.WriteObjects(json, "events", record.Events, static (json, e) =>
        {
            json.WriteNumber("atMs", e.AtMilliseconds);
            json.WriteString("utc", StoreConnection.Utc(e.Utc));
            WriteEventMembers(json, e);
        });
        json.WriteEndObject();
    }

    /// <summary>What a stored event says — kind, source, subject, detail —, the same in the JSON export and in a
    /// report's data (each with its own time members before them).</summary>
    public static void WriteEventMembers(Utf8JsonWriter json, StoredEvent e)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(e);
        json.WriteString("kind", e.Kind);
        json.WriteString("source", e.Source);
        json.WriteString("subject", e.Subject);
        json.WriteString("detail", e.Detail);
    }

    private static void Distribution(Utf8JsonWriter json, string name, long[] values)
    {
        json.WriteStartObject(name);
        for (int p = 0; p < IntervalColumns.PercentileNames.Length; p++)
        {
            json.WriteNumber(IntervalColumns.PercentileNames[p], values[p]);
        }

        json.WriteEndObject();
    }

    /// <summary>The names of an interval's figures in the CSV and Parquet exports, in order: the counters
    /// (<see cref="IntervalColumns.Names"/>), then each distribution's percentiles as <c>lat_p50</c>, <c>jit_p99</c>, ….</summary>
    public static string[] FigureColumnNames() =>
    [
        .. IntervalColumns.Names,
        .. IntervalColumns.DistributionNames.SelectMany(distribution => IntervalColumns.PercentileNames.Select(p => distribution + "_" + p)),
    ];

    /// <summary>Figure <paramref name="column"/> of <see cref="FigureColumnNames"/> in one interval.</summary>
    public static long Figure(IntervalRow row, int column)
    {
        ArgumentNullException.ThrowIfNull(row);
        int percentiles = IntervalColumns.PercentileNames.Length;
        return column < row.Counters.Length ? row.Counters[column]
            : column < row.Counters.Length + percentiles ? row.Latency[column - row.Counters.Length]
            : row.Jitter[column - row.Counters.Length - percentiles];
    }

    private static string Quote(string text) =>
        text.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
