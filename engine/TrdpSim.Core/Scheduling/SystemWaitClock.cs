using TrdpSim.Scheduling.Internal;

namespace TrdpSim.Scheduling;

/// <summary>The real <see cref="IWaitClock"/>: <see cref="MonotonicClock"/>, futex or <c>clock_nanosleep</c>
/// sleeps to an absolute CLOCK_MONOTONIC time with 1 ns timer slack, and <see cref="Thread.SpinWait(int)"/>.</summary>
internal sealed class SystemWaitClock : IWaitClock
{
    [ThreadStatic]
    private static bool t_slackSet;

    private SystemWaitClock()
    {
    }

    /// <summary>The shared instance (stateless apart from the per-thread slack flag).</summary>
    public static SystemWaitClock Instance { get; } = new();

    public long Now() => MonotonicClock.NowNanoseconds();

    public void SleepUntil(long deadlineNanoseconds, WakeSignal? wake)
    {
        if (LinuxTime.IsSupported && !t_slackSet)
        {
            // The default 50 µs slack would delay every wake-up by up to that much.
            t_slackSet = true;
            _ = LinuxTime.SetTimerSlack(1);
        }

        if (wake is not null)
        {
            _ = wake.SleepUntil(deadlineNanoseconds);
        }
        else if (LinuxTime.IsSupported)
        {
            _ = LinuxTime.SleepUntil(deadlineNanoseconds);
        }
        else
        {
            CoarseSleep.Until(deadlineNanoseconds);
        }
    }

    // PERF: Thread.SpinWait, never SpinWait.SpinOnce, whose periodic yield can give the core away for a whole
    // 4 ms scheduler tick (see HybridWaitStrategy).
    public void SpinOnce() => Thread.SpinWait(8);
}
