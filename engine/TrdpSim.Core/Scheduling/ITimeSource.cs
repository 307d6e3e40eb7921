namespace TrdpSim.Scheduling;

/// <summary>A source of monotonic nanoseconds in the <see cref="MonotonicClock"/> time base.</summary>
/// <remarks>
/// Injected where code needs "now" so tests can drive time by hand (<see cref="ManualTimeSource"/>);
/// production uses <see cref="SystemTimeSource.Instance"/>. Implementations must be thread-safe and
/// allocation-free, and must never go backwards.
/// </remarks>
public interface ITimeSource
{
    /// <summary>Current time in nanoseconds.</summary>
    long NowNanoseconds();
}
