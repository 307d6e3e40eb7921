using TrdpSim.Telemetry;

namespace TrdpSim.Records;

/// <summary>Everything stored for one run, loaded for a report, a comparison or an export.</summary>
/// <param name="Run">The run's row.</param>
/// <param name="CommandLineJson">The command line, as the JSON array the manifest keeps.</param>
/// <param name="ParametersJson">The parameters, as the JSON array (name/value/file) the manifest keeps.</param>
/// <param name="HostJson">The host's facts, as the JSON object the manifest keeps.</param>
/// <param name="Inputs">The input files (path, hash, size) — contents through <see cref="RunStore.Inputs"/>.</param>
/// <param name="Groups">The telegram groups.</param>
/// <param name="Series">Interval series per group (index as in <paramref name="Groups"/>), in time order.</param>
/// <param name="Process">The process's figures per interval.</param>
/// <param name="Rejects">Rejected frames per interval and reason.</param>
/// <param name="Events">The run's events.</param>
/// <param name="Thresholds">The thresholds with their outcomes.</param>
/// <param name="ThresholdStates">Per interval, whether each threshold held at its end: <c>[sequence][threshold]</c>.</param>
/// <param name="DurationRequested">The duration asked for; null = until stopped.</param>
/// <param name="SummaryJson">The final summary JSON (null for a crashed run).</param>
internal sealed record RunRecord(StoredRun Run, string CommandLineJson, string ParametersJson, string HostJson,
    IReadOnlyList<(string Path, string? Sha256, long Bytes)> Inputs, IReadOnlyList<StoredGroup> Groups,
    IReadOnlyList<IReadOnlyList<IntervalRow>> Series, IReadOnlyList<ProcessRow> Process,
    IReadOnlyList<(long Sequence, string Reason, long Count)> Rejects, IReadOnlyList<StoredEvent> Events,
    IReadOnlyList<StoredThreshold> Thresholds, IReadOnlyList<(long Sequence, int Index, bool Ok)> ThresholdStates,
    TimeSpan? DurationRequested = null, string? SummaryJson = null)
{
    /// <summary>The arguments the run was started with (after <c>trdpsim</c>).</summary>
    public IReadOnlyList<string> CommandLine => ManifestParts.ReadStrings(CommandLineJson);
}

/// <summary>One group's figures in one interval.</summary>
/// <param name="Sequence">The interval's number (0 = the first).</param>
/// <param name="EndMilliseconds">Run time at its end.</param>
/// <param name="Counters">Counter deltas, as <see cref="IntervalColumns.Names"/>.</param>
/// <param name="Latency">count, p50, p90, p99, p99.9, max of the interval (ns): lateness, round trip or reply delay.</param>
/// <param name="Jitter">The same for inter-arrival jitter.</param>
internal sealed record IntervalRow(long Sequence, long EndMilliseconds, long[] Counters, long[] Latency, long[] Jitter)
{
    public long this[int column] => Counters[column];
}

/// <summary>The process's figures at the end of one interval.</summary>
internal sealed record ProcessRow(long Sequence, long EndMilliseconds, DateTime Utc, long ResidentBytes, long HeapBytes, long AllocatedBytes,
    long Gen0, long Gen1, long Gen2, long OpenFiles, long Threads, long Datagrams, long EngineErrors, long WheelP99, long WheelMax, long StoreDrops)
{
    /// <summary>The heap after the last full collection and generation 2's size (all 0 in runs stored before store version 2).</summary>
    public GcHeapFigures GcHeap { get; init; }
}

/// <summary>A threshold's text and final outcome (outcome null while the run plays or when it crashed).</summary>
internal sealed record StoredThreshold(int Index, string Text, bool? Passed, string? Observed, long? FailedAtMilliseconds, string? Detail);
