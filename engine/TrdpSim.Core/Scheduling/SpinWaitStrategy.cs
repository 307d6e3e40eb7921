namespace TrdpSim.Scheduling;

/// <summary>Busy-waits on <see cref="MonotonicClock"/> until the deadline: lowest lateness, 100 % of one core.</summary>
/// <remarks>
/// Spins with <see cref="Thread.SpinWait(int)"/> and never yields or sleeps (a yield can cost a whole 4 ms
/// scheduler tick). On this project's 2-core VM that costs half the machine; use it only for measurements or
/// dedicated hosts. Stateless and thread-safe; use <see cref="Instance"/>.
/// </remarks>
public sealed class SpinWaitStrategy : IWaitStrategy
{
    /// <summary>The shared instance.</summary>
    public static readonly SpinWaitStrategy Instance = new();

    /// <inheritdoc/>
    public void WaitUntil(long deadlineNanoseconds)
    {
        // Never yields: see the PERF note in HybridWaitStrategy.
        while (MonotonicClock.NowNanoseconds() < deadlineNanoseconds)
        {
            Thread.SpinWait(8);
        }
    }

    /// <inheritdoc/>
    public bool WaitUntil(long deadlineNanoseconds, WakeSignal wake)
    {
        ArgumentNullException.ThrowIfNull(wake);
        while (MonotonicClock.NowNanoseconds() < deadlineNanoseconds)
        {
            if (wake.IsPending)
            {
                return true;
            }

            Thread.SpinWait(8);
        }

        return wake.IsPending;
    }
}
