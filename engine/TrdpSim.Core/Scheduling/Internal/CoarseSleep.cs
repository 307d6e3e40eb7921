namespace TrdpSim.Scheduling.Internal;

/// <summary>Portable fallback sleep in whole milliseconds, for platforms without <c>clock_nanosleep</c>.</summary>
internal static class CoarseSleep
{
    private const long NanosecondsPerMillisecond = 1_000_000;

    /// <summary>Sleeps while at least one whole millisecond remains before <paramref name="deadlineNanoseconds"/>;
    /// returns up to ~1 ms (plus OS granularity) early, so callers spin the rest.</summary>
    public static void Until(long deadlineNanoseconds)
    {
        long remaining;
        while ((remaining = deadlineNanoseconds - MonotonicClock.NowNanoseconds()) >= NanosecondsPerMillisecond)
        {
            Thread.Sleep((int)Math.Min(remaining / NanosecondsPerMillisecond, int.MaxValue));
        }
    }
}
