using TrdpSim.Telemetry;

namespace TrdpSim.Records;

/// <summary>Everything one interval adds to the store: a counter row and two distributions per group, the
/// process's figures, rejects by reason and each threshold's state at the interval's end.</summary>
/// <remarks>Made by the sampler every interval and handed to the writer; its size depends on the plan
/// (groups, thresholds), never on how long the run has played.</remarks>
internal sealed class IntervalBatch
{
    public IntervalBatch(int groups, int thresholds)
    {
        Counters = new long[groups * IntervalColumns.Count];
        Latency = new LatencySnapshot[groups];
        Jitter = new LatencySnapshot[groups];
        ThresholdOk = new bool[thresholds];
    }

    public long Sequence { get; set; }

    /// <summary>Run time at the interval's end.</summary>
    public long EndMilliseconds { get; set; }

    public DateTime Utc { get; set; }

    /// <summary>Counter deltas: group <c>g</c>, column <c>c</c> at <c>g * IntervalColumns.Count + c</c>.</summary>
    public long[] Counters { get; }

    public LatencySnapshot[] Latency { get; }

    public LatencySnapshot[] Jitter { get; }

    public bool[] ThresholdOk { get; }

    public ProcessFigures Process { get; set; }

    /// <summary>Rejected frames by reason in this interval (reasons with none are left out).</summary>
    public List<(string Reason, long Count)> Rejects { get; } = [];

    public int GroupCount => Latency.Length;
}

/// <summary>The process's figures at the end of an interval (the soak's flat-memory evidence).</summary>
internal readonly record struct ProcessFigures(
    long ResidentBytes, long HeapBytes, long AllocatedBytes, int Gen0, int Gen1, int Gen2, int OpenFiles, int Threads,
    long Datagrams, long EngineErrors, long WheelP99, long WheelMax, long StoreDrops)
{
    /// <summary>The heap after the last full collection and generation 2's size: retained memory or garbage?</summary>
    public GcHeapFigures GcHeap { get; init; }
}
