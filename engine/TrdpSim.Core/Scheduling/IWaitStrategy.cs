namespace TrdpSim.Scheduling;

/// <summary>How the <see cref="WheelDriver"/> thread waits for its next deadline.</summary>
/// <remarks>
/// <para>Implementations: <see cref="EfficientWaitStrategy"/> (the default: sleep on an absolute clock, spin
/// only a short measured window before the deadline), <see cref="HybridWaitStrategy"/> (the precision mode:
/// sleep to a fixed margin before the deadline, then spin; at a 100 µs tick it never really sleeps),
/// <see cref="SleepWaitStrategy"/> (sleep only) and <see cref="SpinWaitStrategy"/> (spin only).</para>
/// <para>Called on the driver thread only. Must not allocate and should not throw.</para>
/// </remarks>
public interface IWaitStrategy
{
    /// <summary>Blocks the calling thread until <see cref="MonotonicClock.NowNanoseconds"/> is at or after
    /// <paramref name="deadlineNanoseconds"/> (best effort for sleep-only strategies: they may return a little
    /// early only if the OS does; callers re-read the clock). Returns at once if the deadline has passed.</summary>
    void WaitUntil(long deadlineNanoseconds);

    /// <summary>As <see cref="WaitUntil(long)"/>, but returns early as soon as <paramref name="wake"/> is
    /// pending (checked before sleeping, ends a sleep, and is polled while spinning).</summary>
    /// <returns>True when the wait ended because of the wake; false when the deadline was reached.</returns>
    bool WaitUntil(long deadlineNanoseconds, WakeSignal wake);
}
