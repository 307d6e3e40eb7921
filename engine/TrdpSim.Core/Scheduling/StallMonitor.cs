using TrdpSim.Scheduling.Internal;

namespace TrdpSim.Scheduling;

/// <summary>
/// Records when trdpsim's own threads did not run when they should have (wheel, receive loops, scripts),
/// and answers whether an effect seen on the wire — a timeout, a late reply, a jitter sample — fell inside
/// such a stall, so that it can be reported as self-inflicted instead of blamed on the device under test.
/// </summary>
/// <remarks>
/// <para><b>What a stall is.</b> A thread that checks in later than it promised by more than
/// <see cref="ThresholdNanoseconds"/> (see <see cref="StallProbe"/>): the host did not run it, the machine
/// was frozen, or the thread itself was busy for that long. Stalls shorter than the threshold are the
/// host's ordinary scheduling noise and are not recorded.</para>
/// <para><b>Queries.</b> <see cref="StalledAt"/>: was a thread of the given kinds stalled at one moment
/// (a timeout's deadline)? <see cref="Affected"/>: did a stall overlap an interval (a round trip, an
/// inter-arrival gap)? Both see stalls in progress (a thread overdue now) as well as recorded ones, and
/// take the fast path — a few volatile reads — when nothing stalled recently.</para>
/// <para><b>Totals.</b> Per source (count, total, longest) and for the process as a whole: the union of every
/// thread's stalls, so a host freeze that stopped four threads counts once.</para>
/// <para><b>Threading.</b> Probes are created at set-up. Recording (rare: a stall at least a threshold long)
/// and slow-path queries take a lock; fast-path queries do not. Allocation-free after set-up unless more
/// than <see cref="RecentCapacity"/> stalls fall within <see cref="UnionHorizonNanoseconds"/>.</para>
/// </remarks>
public sealed class StallMonitor
{
    /// <summary>Default threshold: 5 ms. The project VM's own scheduling noise reaches 1.6–6 ms worst cases
    /// for sleeping and spinning threads alike (tools/perf/RESULTS.md); a stall that can turn into a missed
    /// deadline of a 10–100 ms cycle is longer than that.</summary>
    public const long DefaultThresholdNanoseconds = 5_000_000;

    /// <summary>Recorded stalls kept for queries (the most recent ones).</summary>
    public const int RingCapacity = 1024;

    /// <summary>Merged intervals kept open for the union total before they are folded into it.</summary>
    public const int RecentCapacity = 256;

    /// <summary>How far back a late-recorded stall may still merge into the union (60 s).</summary>
    public const long UnionHorizonNanoseconds = 60_000_000_000;

    private readonly Lock _lock = new();
    private readonly long[] _ringStart = new long[RingCapacity];
    private readonly long[] _ringEnd = new long[RingCapacity];
    private readonly StallSources[] _ringSource = new StallSources[RingCapacity];
    private readonly List<(long Start, long End)> _recent = new(RecentCapacity);
    private readonly long[] _count = new long[4];
    private readonly long[] _total = new long[4];
    private readonly long[] _longest = new long[4];
    private StallProbe[] _probes = [];
    private int _ringNext;
    private int _ringCount;
    private long _lastEnd = long.MinValue;
    private long _foldedTotal;
    private long _foldedUpTo = long.MinValue;
    private long _unionLongest;
    private long _unionCount;

    /// <summary>Creates a monitor.</summary>
    /// <param name="thresholdNanoseconds">Shortest delay that counts as a stall (&gt; 0).</param>
    public StallMonitor(long thresholdNanoseconds = DefaultThresholdNanoseconds)
    {
        if (thresholdNanoseconds <= 0)
        {
            SchedulingThrow.ArgumentOutOfRange(nameof(thresholdNanoseconds), "The stall threshold must be positive.");
        }

        ThresholdNanoseconds = thresholdNanoseconds;
    }

    /// <summary>Shortest delay that counts as a stall.</summary>
    public long ThresholdNanoseconds { get; }

    /// <summary>A probe for a thread of kind <paramref name="source"/> (set-up, or when the thread starts).</summary>
    public StallProbe CreateProbe(StallSources source, string name)
    {
        var probe = new StallProbe(this, source, name);
        lock (_lock)
        {
            Volatile.Write(ref _probes, [.. _probes, probe]);
        }

        return probe;
    }

    /// <summary>Every probe created so far.</summary>
    public IReadOnlyList<StallProbe> Probes => Volatile.Read(ref _probes);

    /// <summary>Was a thread of <paramref name="sources"/> stalled at <paramref name="atNanoseconds"/>
    /// (within one threshold after a stall's end: the catch-up after a stall takes a moment too)?</summary>
    /// <param name="atNanoseconds">The moment that decided the effect (a timeout's deadline).</param>
    /// <param name="nowNanoseconds">Now, to see stalls still in progress.</param>
    /// <param name="sources">Which threads count for this effect.</param>
    public bool StalledAt(long atNanoseconds, long nowNanoseconds, StallSources sources)
    {
        if (InProgress(atNanoseconds, nowNanoseconds, sources))
        {
            return true;
        }

        if (Volatile.Read(ref _lastEnd) + ThresholdNanoseconds < atNanoseconds)
        {
            return false;
        }

        return AnyRecorded(atNanoseconds, atNanoseconds, ThresholdNanoseconds, sources);
    }

    /// <summary>Did a stall of <paramref name="sources"/> overlap [<paramref name="fromNanoseconds"/>,
    /// <paramref name="toNanoseconds"/>]? Fast when none did recently.</summary>
    public bool Affected(long fromNanoseconds, long toNanoseconds, long nowNanoseconds, StallSources sources)
    {
        if (InProgress(toNanoseconds, nowNanoseconds, sources))
        {
            return true;
        }

        if (Volatile.Read(ref _lastEnd) < fromNanoseconds)
        {
            return false;
        }

        return AnyRecorded(fromNanoseconds, toNanoseconds, 0, sources);
    }

    /// <summary>The totals so far (readers).</summary>
    public StallTotals Totals()
    {
        lock (_lock)
        {
            long union = _foldedTotal;
            foreach (var (start, end) in _recent)
            {
                union += end - start;
            }

            var probes = new List<StallThreadTotals>(_probes.Length);
            foreach (var probe in _probes)
            {
                if (probe.Count > 0)
                {
                    probes.Add(new StallThreadTotals(probe.Name, probe.Source, probe.Count, probe.TotalNanoseconds, probe.LongestNanoseconds));
                }
            }

            return new StallTotals(ThresholdNanoseconds, _unionCount, union, _unionLongest,
                [Of(StallSources.Wheel), Of(StallSources.PdReceive), Of(StallSources.MdReceive), Of(StallSources.Scripts)], probes);
        }
    }

    /// <summary>Records the stall [<paramref name="start"/>, <paramref name="end"/>] of <paramref name="probe"/>.</summary>
    internal void Record(StallProbe probe, long start, long end)
    {
        lock (_lock)
        {
            start = Math.Max(start, probe.LastEndNanoseconds);
            if (end <= start)
            {
                return;
            }

            long length = end - start;
            probe.LastEndNanoseconds = end;
            probe.Count++;
            probe.TotalNanoseconds += length;
            probe.LongestNanoseconds = Math.Max(probe.LongestNanoseconds, length);
            int kind = Index(probe.Source);
            _count[kind]++;
            _total[kind] += length;
            _longest[kind] = Math.Max(_longest[kind], length);
            _ringStart[_ringNext] = start;
            _ringEnd[_ringNext] = end;
            _ringSource[_ringNext] = probe.Source;
            _ringNext = (_ringNext + 1) % RingCapacity;
            _ringCount = Math.Min(_ringCount + 1, RingCapacity);
            MergeIntoUnion(start, end);
            if (end > _lastEnd)
            {
                Volatile.Write(ref _lastEnd, end);
            }
        }
    }

    private bool InProgress(long atNanoseconds, long nowNanoseconds, StallSources sources)
    {
        foreach (var probe in Volatile.Read(ref _probes))
        {
            if ((probe.Source & sources) == 0)
            {
                continue;
            }

            long due = probe.DueNanoseconds;
            if (due <= atNanoseconds && nowNanoseconds - due > ThresholdNanoseconds)
            {
                return true;
            }
        }

        return false;
    }

    private bool AnyRecorded(long from, long to, long tolerance, StallSources sources)
    {
        lock (_lock)
        {
            for (int i = 0; i < _ringCount; i++)
            {
                if ((_ringSource[i] & sources) != 0 && _ringStart[i] <= to && _ringEnd[i] + tolerance >= from)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Adds [start, end] to the union of every thread's stalls: merges it with the open intervals it
    /// touches, then folds intervals older than the horizon into the running total.</summary>
    private void MergeIntoUnion(long start, long end)
    {
        start = Math.Max(start, _foldedUpTo);
        if (end <= start)
        {
            return;
        }

        int i = 0;
        while (i < _recent.Count && _recent[i].End < start)
        {
            i++;
        }

        int touched = 0;
        while (i < _recent.Count && _recent[i].Start <= end)
        {
            start = Math.Min(start, _recent[i].Start);
            end = Math.Max(end, _recent[i].End);
            _recent.RemoveAt(i);
            touched++;
        }

        _recent.Insert(i, (start, end));
        if (touched == 0)
        {
            _unionCount++;
        }
        else if (touched > 1)
        {
            _unionCount -= touched - 1; // one stretch now covers what were several
        }

        _unionLongest = Math.Max(_unionLongest, end - start);
        long horizon = end - UnionHorizonNanoseconds;
        while (_recent.Count > 0 && (_recent[0].End < horizon || _recent.Count >= RecentCapacity))
        {
            _foldedTotal += _recent[0].End - _recent[0].Start;
            _foldedUpTo = Math.Max(_foldedUpTo, _recent[0].End);
            _recent.RemoveAt(0);
        }
    }

    private StallSourceTotals Of(StallSources source)
    {
        int kind = Index(source);
        return new StallSourceTotals(source, _count[kind], _total[kind], _longest[kind]);
    }

    private static int Index(StallSources source) => source switch
    {
        StallSources.Wheel => 0,
        StallSources.PdReceive => 1,
        StallSources.MdReceive => 2,
        _ => 3,
    };
}

/// <summary>Stalls of one kind of thread: how many, how long in total, the longest (ns).</summary>
public readonly record struct StallSourceTotals(StallSources Source, long Count, long TotalNanoseconds, long LongestNanoseconds);

/// <summary>Stalls of one thread.</summary>
public readonly record struct StallThreadTotals(string Name, StallSources Source, long Count, long TotalNanoseconds, long LongestNanoseconds);

/// <summary>Everything the monitor knows: the threshold, the union over all threads (how long trdpsim
/// itself was stalled: stretches, total, longest stretch), per kind of thread and per thread.</summary>
public sealed record StallTotals(long ThresholdNanoseconds, long Stretches, long TotalNanoseconds, long LongestNanoseconds,
    IReadOnlyList<StallSourceTotals> BySource, IReadOnlyList<StallThreadTotals> ByThread);
