using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace TrdpSim.Transport.Tcp.Internal;

/// <summary>Stopwatch timestamps and their conversion to nanoseconds and back.</summary>
internal static class MonotonicClock
{
    private static readonly double NanosPerTick = 1e9 / Stopwatch.Frequency;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Now() => Stopwatch.GetTimestamp();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long ToNanoseconds(long timestamp) =>
        Stopwatch.Frequency == 1_000_000_000 ? timestamp : (long)(timestamp * NanosPerTick);

    /// <summary>Timestamp ticks for a timeout; <see cref="long.MaxValue"/> when infinite or not positive.</summary>
    public static long ToTicks(TimeSpan timeout) =>
        timeout <= TimeSpan.Zero || timeout == Timeout.InfiniteTimeSpan
            ? long.MaxValue
            : (long)(timeout.TotalSeconds * Stopwatch.Frequency);
}
