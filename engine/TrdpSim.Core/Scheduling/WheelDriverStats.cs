using System.Numerics;

namespace TrdpSim.Scheduling;

/// <summary>Counters of a <see cref="WheelDriver"/>: tick lateness (count, max, log2 histogram), work done
/// and errors.</summary>
/// <remarks>
/// <para><b>Threading.</b> Lateness, tick and fired counters have a single writer (the wheel thread) and are
/// published with <see cref="Volatile"/> writes, so any thread may read them without locks; a reader may see
/// a sample counted in one field and not yet in another. <see cref="CommandsRejected"/> is written by posting
/// threads with <see cref="Interlocked"/>. Nothing allocates after construction.</para>
/// <para><b>Lateness</b> is <c>actual wake time − tick target</c> in nanoseconds, one sample per wake-up
/// (negative values, which a correct wait strategy never produces, count as 0). Histogram bucket <c>i</c>
/// holds samples in <c>[2^i, 2^(i+1))</c> ns, bucket 0 also holds 0; it is coarse by design, the metrics part
/// owns precise histograms.</para>
/// </remarks>
internal sealed class WheelDriverStats
{
    /// <summary>Number of histogram buckets (one per power of two of a <see cref="long"/>).</summary>
    public const int HistogramBuckets = 64;

    private readonly long[] _histogram = new long[HistogramBuckets];
    private long _latenessCount;
    private long _latenessMax;
    private long _ticks;
    private long _earlyWakes;
    private long _fired;
    private long _commandsExecuted;
    private long _commandsRejected;
    private long _errors;

    /// <summary>Wake-ups measured.</summary>
    public long LatenessCount => Volatile.Read(ref _latenessCount);

    /// <summary>Largest lateness seen, ns.</summary>
    public long LatenessMaxNanoseconds => Volatile.Read(ref _latenessMax);

    /// <summary>Wake-ups (loop iterations) of the driver.</summary>
    public long Ticks => Volatile.Read(ref _ticks);

    /// <summary>Wake-ups that <see cref="WheelDriver.Wake"/> or a post brought forward (before their target);
    /// counted in <see cref="Ticks"/>, not in the lateness figures.</summary>
    public long EarlyWakes => Volatile.Read(ref _earlyWakes);

    /// <summary>Timers fired in total.</summary>
    public long Fired => Volatile.Read(ref _fired);

    /// <summary>Posted commands executed.</summary>
    public long CommandsExecuted => Volatile.Read(ref _commandsExecuted);

    /// <summary>Posts refused because the command queue was full.</summary>
    public long CommandsRejected => Volatile.Read(ref _commandsRejected);

    /// <summary>Exceptions caught from commands, the tick listener and (via the wheel) timer callbacks.</summary>
    public long Errors => Volatile.Read(ref _errors);

    /// <summary>An upper bound for the <paramref name="quantile"/> (0 … 1) lateness: the top of the histogram
    /// bucket that holds it, capped at the max. Returns 0 without samples.</summary>
    public long GetApproximateQuantileNanoseconds(double quantile)
    {
        long total = 0;
        for (int i = 0; i < HistogramBuckets; i++)
        {
            total += Volatile.Read(ref _histogram[i]);
        }

        if (total == 0)
        {
            return 0;
        }

        long rank = Math.Max(1, (long)Math.Ceiling(Math.Clamp(quantile, 0, 1) * total));
        long seen = 0;
        for (int i = 0; i < HistogramBuckets; i++)
        {
            seen += Volatile.Read(ref _histogram[i]);
            if (seen >= rank)
            {
                long upper = i >= 62 ? long.MaxValue : (2L << i) - 1;
                return Math.Min(upper, LatenessMaxNanoseconds);
            }
        }

        return LatenessMaxNanoseconds;
    }

    internal void RecordWake(long latenessNanoseconds, int fired)
    {
        long value = latenessNanoseconds > 0 ? latenessNanoseconds : 0;
        int bucket = value == 0 ? 0 : BitOperations.Log2((ulong)value);
        Volatile.Write(ref _histogram[bucket], _histogram[bucket] + 1);
        if (value > _latenessMax)
        {
            Volatile.Write(ref _latenessMax, value);
        }

        Volatile.Write(ref _latenessCount, _latenessCount + 1);
        Volatile.Write(ref _ticks, _ticks + 1);
        Volatile.Write(ref _fired, _fired + fired);
    }

    internal void RecordEarlyWake(int fired)
    {
        Volatile.Write(ref _earlyWakes, _earlyWakes + 1);
        Volatile.Write(ref _ticks, _ticks + 1);
        Volatile.Write(ref _fired, _fired + fired);
    }

    internal void RecordCommand() => Volatile.Write(ref _commandsExecuted, _commandsExecuted + 1);

    internal void RecordRejectedCommand() => Interlocked.Increment(ref _commandsRejected);

    internal void RecordErrors(long count) => Interlocked.Add(ref _errors, count);
}
