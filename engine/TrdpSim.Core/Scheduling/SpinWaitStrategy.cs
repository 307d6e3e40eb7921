namespace TrdpSim.Scheduling;

/// <summary>Busy-waits on <see cref="MonotonicClock"/> until the deadline: lowest lateness, 100 % of one core.</summary>
/// <remarks>
/// Uses <see cref="SpinWait.SpinOnce(int)"/> with sleeping disabled, so it yields to other ready threads now
/// and then but never sleeps. On this project's 2-core VM that costs half the machine; use it only for
/// measurements or dedicated hosts. Stateless and thread-safe; use <see cref="Instance"/>.
/// </remarks>
public sealed class SpinWaitStrategy : IWaitStrategy
{
    /// <summary>The shared instance.</summary>
    public static readonly SpinWaitStrategy Instance = new();

    /// <inheritdoc/>
    public void WaitUntil(long deadlineNanoseconds)
    {
        SpinWait spinner = default;
        while (MonotonicClock.NowNanoseconds() < deadlineNanoseconds)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }
}
