namespace TrdpSim.Scheduling;

/// <summary>Notified by the <see cref="WheelDriver"/> after each wake-up's timers have fired.</summary>
/// <remarks>
/// The send stage uses this to flush the batch the timer callbacks filled (one <c>sendmmsg</c> per wake-up).
/// Runs on the wheel thread: must not block and must not allocate in steady state. An exception is caught
/// and counted by the driver.
/// </remarks>
public interface IWheelTickListener
{
    /// <summary>Called once per wake-up before <see cref="TimingWheel.Advance"/> fires the due timers: where
    /// inboxes filled by other threads are drained, so that what arrived before a deadline is handled before
    /// that deadline's timer (a reply before its timeout) even when the wheel wakes late. Default: nothing.</summary>
    /// <param name="nowNanoseconds">The time that will be passed to <see cref="TimingWheel.Advance"/>.</param>
    void BeforeAdvance(long nowNanoseconds)
    {
    }

    /// <summary>Called once per wake-up, after <see cref="TimingWheel.Advance"/>.</summary>
    /// <param name="nowNanoseconds">The time passed to <see cref="TimingWheel.Advance"/>.</param>
    /// <param name="fired">Timers fired during this wake-up (may be 0).</param>
    void AfterTick(long nowNanoseconds, int fired);
}
