using TrdpSim.Telemetry;

namespace TrdpSim.Records;

/// <summary>Everything stored for one run, loaded for a report, a comparison or an export.</summary>
internal sealed class RunRecord
{
    public required StoredRun Run { get; init; }

    /// <summary>The manifest parts kept as JSON text: the command line (array), parameters (array of
    /// name/value/file), host (object).</summary>
    public required string CommandLineJson { get; init; }

    public required string ParametersJson { get; init; }

    /// <summary>The arguments the run was started with (after <c>trdpsim</c>).</summary>
    public IReadOnlyList<string> CommandLine => ManifestParts.ReadStrings(CommandLineJson);

    public required string HostJson { get; init; }

    public TimeSpan? DurationRequested { get; init; }

    /// <summary>The input files (path, hash, size) — contents through <see cref="RunStore.Inputs"/>.</summary>
    public required IReadOnlyList<(string Path, string? Sha256, long Bytes)> Inputs { get; init; }

    public required IReadOnlyList<StoredGroup> Groups { get; init; }

    /// <summary>Interval series per group (index as in <see cref="Groups"/>), in time order.</summary>
    public required IReadOnlyList<IReadOnlyList<IntervalRow>> Series { get; init; }

    /// <summary>The process's figures per interval.</summary>
    public required IReadOnlyList<ProcessRow> Process { get; init; }

    /// <summary>Rejected frames per interval and reason.</summary>
    public required IReadOnlyList<(long Sequence, string Reason, long Count)> Rejects { get; init; }

    public required IReadOnlyList<StoredEvent> Events { get; init; }

    public required IReadOnlyList<StoredThreshold> Thresholds { get; init; }

    /// <summary>Per interval, whether each threshold held at its end: <c>[sequence][threshold]</c>.</summary>
    public required IReadOnlyList<(long Sequence, int Index, bool Ok)> ThresholdStates { get; init; }

    /// <summary>The final summary JSON (null for a crashed run).</summary>
    public string? SummaryJson { get; init; }
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
