namespace TrdpSim.Scheduling;

/// <summary>The one conversion between <see cref="TimeSpan"/> (plans, options) and the engine's nanoseconds
/// (<see cref="MonotonicClock"/>, the wheel, every deadline).</summary>
internal static class TimeConversion
{
    /// <summary>The span in nanoseconds (exact: a tick is 100 ns).</summary>
    public static long ToNanoseconds(this TimeSpan value) => value.Ticks * TimeSpan.NanosecondsPerTick;

    /// <summary>A timeout in nanoseconds; <see cref="long.MaxValue"/> when it is infinite or not positive.</summary>
    public static long ToTimeoutNanoseconds(this TimeSpan timeout) =>
        timeout <= TimeSpan.Zero || timeout == Timeout.InfiniteTimeSpan ? long.MaxValue : timeout.ToNanoseconds();

    /// <summary>Nanoseconds as a span (rounded down to whole 100 ns ticks).</summary>
    public static TimeSpan FromNanoseconds(long nanoseconds) => TimeSpan.FromTicks(nanoseconds / TimeSpan.NanosecondsPerTick);
}
