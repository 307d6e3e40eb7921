using System.Runtime.InteropServices;

namespace TrdpSim.Scheduling.Internal;

/// <summary>struct timespec (64-bit Linux): the time a futex wait and <c>clock_nanosleep</c> run until and
/// <c>clock_gettime</c> returns, as <see cref="MonotonicClock"/> nanoseconds split into seconds and the rest.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct Timespec
{
    private const long NanosecondsPerSecond = 1_000_000_000L;

    public long Seconds;
    public long Nanoseconds;

    /// <summary>The timespec of <paramref name="nanoseconds"/> (non-negative).</summary>
    public static Timespec FromNanoseconds(long nanoseconds) =>
        new() { Seconds = nanoseconds / NanosecondsPerSecond, Nanoseconds = nanoseconds % NanosecondsPerSecond };

    /// <summary>The time in nanoseconds.</summary>
    public readonly long ToNanoseconds() => (Seconds * NanosecondsPerSecond) + Nanoseconds;
}
