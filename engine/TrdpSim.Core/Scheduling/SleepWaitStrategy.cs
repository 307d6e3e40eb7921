using TrdpSim.Scheduling.Internal;

namespace TrdpSim.Scheduling;

/// <summary>Sleeps with <c>clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME)</c> straight to the deadline; no spinning.</summary>
/// <remarks>
/// <para><b>Why.</b> The low-CPU choice: about 1 % of a core at a 1 ms tick, but every wake-up is late by the
/// kernel's wake-up latency (p50 ≈ 65 µs with 1 ns timer slack, ≈ 115 µs with the default 50 µs slack, on
/// the project VM; tools/perf/RESULTS.md). Never wakes early: the sleep is to an absolute deadline.</para>
/// <para><b>Timer slack.</b> On first use on each thread it sets that thread's timer slack to 1 ns unless
/// disabled. Non-Linux platforms fall back to <see cref="Thread.Sleep(int)"/> (whole milliseconds).</para>
/// <para><b>Threading.</b> Stateless apart from the per-thread slack flag; allocation-free.</para>
/// </remarks>
public sealed class SleepWaitStrategy : IWaitStrategy
{
    [ThreadStatic]
    private static bool t_slackSet;

    private readonly bool _setTimerSlack;

    /// <summary>Creates the strategy.</summary>
    /// <param name="setTimerSlack">Set the waiting thread's timer slack to 1 ns on first use (default true).</param>
    public SleepWaitStrategy(bool setTimerSlack = true) => _setTimerSlack = setTimerSlack;

    /// <inheritdoc/>
    public void WaitUntil(long deadlineNanoseconds) => Wait(deadlineNanoseconds, null);

    /// <inheritdoc/>
    public bool WaitUntil(long deadlineNanoseconds, WakeSignal wake) => Wait(deadlineNanoseconds, wake);

    private bool Wait(long deadlineNanoseconds, WakeSignal? wake)
    {
        if (MonotonicClock.NowNanoseconds() >= deadlineNanoseconds)
        {
            return wake is { IsPending: true };
        }

        if (LinuxTime.IsSupported)
        {
            if (_setTimerSlack && !t_slackSet)
            {
                t_slackSet = true;
                _ = LinuxTime.SetTimerSlack(1);
            }

            if (wake is not null)
            {
                return wake.SleepUntil(deadlineNanoseconds);
            }

            _ = LinuxTime.SleepUntil(deadlineNanoseconds);
            return false;
        }

        if (wake is not null)
        {
            _ = wake.SleepUntil(deadlineNanoseconds);
        }
        else
        {
            CoarseSleep.Until(deadlineNanoseconds);
        }

        SpinWait spinner = default;
        while (MonotonicClock.NowNanoseconds() < deadlineNanoseconds)
        {
            if (wake is { IsPending: true })
            {
                return true;
            }

            spinner.SpinOnce(sleep1Threshold: -1);
        }

        return wake is { IsPending: true };
    }
}
