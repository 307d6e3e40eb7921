namespace TrdpSim.Scheduling;

/// <summary>How the <see cref="WheelDriver"/> thread waits for the next tick.</summary>
/// <remarks>
/// <para>Implementations: <see cref="HybridWaitStrategy"/> (sleep, then spin: sub-µs median lateness for a
/// fraction of a core), <see cref="SleepWaitStrategy"/> (sleep only: ~65 µs median lateness, ~1 % CPU) and
/// <see cref="SpinWaitStrategy"/> (spin only: a whole core).</para>
/// <para>Called on the driver thread only. Must not allocate and should not throw.</para>
/// </remarks>
public interface IWaitStrategy
{
    /// <summary>Blocks the calling thread until <see cref="MonotonicClock.NowNanoseconds"/> is at or after
    /// <paramref name="deadlineNanoseconds"/> (best effort for sleep-only strategies: they may return a little
    /// early only if the OS does; callers re-read the clock). Returns at once if the deadline has passed.</summary>
    void WaitUntil(long deadlineNanoseconds);
}
