using System.Runtime.InteropServices;

namespace TrdpSim.Scheduling.Internal;

/// <summary>Source-generated (AOT-safe) libc calls for precise sleeping on Linux.</summary>
/// <remarks>
/// <c>clock_nanosleep</c> with <c>TIMER_ABSTIME</c> on <c>CLOCK_MONOTONIC</c> sleeps to an absolute deadline, so
/// an interrupted or late sleep never accumulates drift. Callers must check <see cref="IsSupported"/> first.
/// </remarks>
internal static unsafe partial class LinuxTime
{
    public const int ClockRealtime = 0;
    public const int ClockMonotonic = 1;
    public const int TimerAbsoluteTime = 1;
    public const int PrSetTimerSlack = 29;
    public const int Eintr = 4;

    /// <summary>True on Linux, where <see cref="MonotonicClock"/> nanoseconds are CLOCK_MONOTONIC nanoseconds.</summary>
    public static readonly bool IsSupported = OperatingSystem.IsLinux() && MonotonicClock.IsIdentity;

    /// <summary>Sleeps until CLOCK_MONOTONIC reaches <paramref name="deadlineNanoseconds"/>; retries on EINTR.</summary>
    /// <returns>0, or the error number clock_nanosleep returned (other than EINTR).</returns>
    public static int SleepUntil(long deadlineNanoseconds)
    {
        var ts = Timespec.FromNanoseconds(deadlineNanoseconds);
        int rc;
        do
        {
            // clock_nanosleep returns the error number directly (it does not set errno).
            rc = clock_nanosleep(ClockMonotonic, TimerAbsoluteTime, &ts, null);
        }
        while (rc == Eintr);

        return rc;
    }

    /// <summary>Reads CLOCK_REALTIME: the clock of the kernel's receive timestamps.</summary>
    public static long RealtimeNow()
    {
        Timespec ts;
        _ = clock_gettime(ClockRealtime, &ts);
        return ts.ToNanoseconds();
    }

    /// <summary>Reads CLOCK_MONOTONIC directly (used by tests to check the Stopwatch assumption).</summary>
    public static long MonotonicNow()
    {
        Timespec ts;
        _ = clock_gettime(ClockMonotonic, &ts);
        return ts.ToNanoseconds();
    }

    /// <summary>Sets the calling thread's timer slack (PR_SET_TIMERSLACK) in nanoseconds.</summary>
    /// <returns>True on success.</returns>
    public static bool SetTimerSlack(ulong nanoseconds) => prctl(PrSetTimerSlack, (nuint)nanoseconds, 0, 0, 0) == 0;

    [LibraryImport("libc")]
    private static partial int clock_nanosleep(int clockId, int flags, Timespec* request, Timespec* remain);

    [LibraryImport("libc")]
    private static partial int clock_gettime(int clockId, Timespec* tp);

    [LibraryImport("libc")]
    private static partial int prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);
}
