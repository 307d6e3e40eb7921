namespace TrdpSim.Scheduling;

/// <summary>What a wait strategy does with time: read it, sleep to an absolute time (or a wake), spin a little.</summary>
/// <remarks>The seam that lets tests drive <see cref="EfficientWaitStrategy"/> with a manual clock
/// (sleeps that overshoot by a chosen amount, spins that cost a chosen time) instead of the real one;
/// production uses <see cref="SystemWaitClock.Instance"/>.</remarks>
internal interface IWaitClock
{
    /// <summary>Now, in <see cref="MonotonicClock"/> nanoseconds.</summary>
    long Now();

    /// <summary>Sleeps until <paramref name="deadlineNanoseconds"/> or until <paramref name="wake"/> is pending
    /// (null: no wake). May overshoot the deadline (the kernel's wake-up latency); may return early only
    /// when woken or on platforms with coarse sleeps.</summary>
    void SleepUntil(long deadlineNanoseconds, WakeSignal? wake);

    /// <summary>One short busy-wait step (no yield: a yield can cost a whole scheduler tick).</summary>
    void SpinOnce();
}
