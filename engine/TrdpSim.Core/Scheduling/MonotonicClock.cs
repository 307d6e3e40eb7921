using System.Diagnostics;
using System.Runtime.CompilerServices;
using TrdpSim.Scheduling.Internal;

namespace TrdpSim.Scheduling;

/// <summary>
/// The engine's monotonic time base: nanoseconds from <see cref="Stopwatch.GetTimestamp"/>.
/// </summary>
/// <remarks>
/// <para>Every deadline in <see cref="TimingWheel"/>, <see cref="WheelDriver"/> and the wait strategies is
/// expressed in this time base. The epoch is arbitrary (boot time on Linux); only differences mean anything.</para>
/// <para>On Linux, .NET implements <see cref="Stopwatch"/> with <c>clock_gettime(CLOCK_MONOTONIC)</c> and a
/// frequency of 1 GHz, so these values are the raw CLOCK_MONOTONIC nanoseconds and can be passed to
/// <c>clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME)</c> unchanged. A unit test checks that assumption.</para>
/// <para>Thread-safe; allocation-free.</para>
/// </remarks>
internal static class MonotonicClock
{
    private const long NanosecondsPerSecond = 1_000_000_000L;

    // static readonly: the JIT/AOT compiler folds these, so the fast path is a single call plus a branch.
    private static readonly long Frequency = Stopwatch.Frequency;
    private static readonly bool IsNanosecondFrequency = Stopwatch.Frequency == NanosecondsPerSecond;

    /// <summary>True when <see cref="Stopwatch"/> ticks are nanoseconds (Linux, macOS): no conversion is done.</summary>
    public static bool IsIdentity => IsNanosecondFrequency;

    /// <summary>Current monotonic time in nanoseconds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long NowNanoseconds()
    {
        long ticks = Stopwatch.GetTimestamp();
        return IsNanosecondFrequency ? ticks : TicksToNanoseconds(ticks);
    }

    /// <summary>CLOCK_REALTIME minus this time base, now, in nanoseconds: subtracted from a kernel timestamp (which
    /// is CLOCK_REALTIME) it gives the same moment in this time base. Both clocks are slewed alike by time
    /// synchronisation; only a step of the wall clock changes the difference.</summary>
    /// <remarks>
    /// <para>Linux only (<see cref="LinuxTime.IsSupported"/>), where this time base is CLOCK_MONOTONIC.</para>
    /// <para>The two clocks are read one after the other, and a thread taken off the CPU between the reads would see
    /// the difference move by the time it was away — milliseconds on a busy host, which would shift every arrival
    /// stamp converted with it or look like a step of the wall clock. So the wall clock is read between two reads of
    /// this time base and the narrowest of a few such brackets is kept (its middle; a fraction of a microsecond wide
    /// when nothing intervened).</para>
    /// </remarks>
    public static long RealtimeOffsetNanoseconds()
    {
        long offset = 0;
        long narrowest = long.MaxValue;
        for (int attempt = 0; attempt < OffsetAttempts && narrowest > NarrowBracketNanoseconds; attempt++)
        {
            long start = NowNanoseconds();
            long realtime = LinuxTime.RealtimeNow();
            long width = NowNanoseconds() - start;
            if (width < narrowest)
            {
                narrowest = width;
                offset = realtime - (start + (width / 2));
            }
        }

        return offset;
    }

    /// <summary>Brackets tried at most for <see cref="RealtimeOffsetNanoseconds"/>.</summary>
    private const int OffsetAttempts = 5;

    /// <summary>A bracket this narrow is taken at once: nothing took the thread away between its reads.</summary>
    private const long NarrowBracketNanoseconds = 2_000;

    /// <summary>Converts <see cref="Stopwatch"/> ticks to nanoseconds without overflow for any realistic uptime.</summary>
    public static long TicksToNanoseconds(long stopwatchTicks)
    {
        if (IsNanosecondFrequency)
        {
            return stopwatchTicks;
        }

        return Rescale(stopwatchTicks, Frequency, NanosecondsPerSecond);
    }

    /// <summary>Converts nanoseconds in this time base back to <see cref="Stopwatch"/> ticks (rounded down).</summary>
    public static long NanosecondsToTicks(long nanoseconds)
    {
        if (IsNanosecondFrequency)
        {
            return nanoseconds;
        }

        return Rescale(nanoseconds, NanosecondsPerSecond, Frequency);
    }

    /// <summary>A count at <paramref name="fromPerSecond"/> as a count at <paramref name="toPerSecond"/>, rounded
    /// down: split into whole seconds and remainder so that the product never overflows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Rescale(long count, long fromPerSecond, long toPerSecond)
    {
        long seconds = count / fromPerSecond;
        long remainder = count % fromPerSecond;
        return (seconds * toPerSecond) + (remainder * toPerSecond / fromPerSecond);
    }
}
