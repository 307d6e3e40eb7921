namespace TrdpSim.Scheduling;

/// <summary>
/// An intrusive timer entry for <see cref="TimingWheel"/>: the entry is its own list node, so scheduling,
/// cancelling and firing allocate nothing and <see cref="TimingWheel.Cancel"/> is O(1).
/// </summary>
/// <remarks>
/// <para><b>Threading.</b> A timer belongs to at most one wheel at a time and is only touched on that
/// wheel's owning thread (the <see cref="WheelDriver"/> thread once the driver runs). Other threads reach it
/// through <see cref="WheelDriver.Post"/>. <see cref="DeadlineNanoseconds"/> and <see cref="IsScheduled"/>
/// may be read from other threads only as a racy hint.</para>
/// <para><b>Periodic use.</b> A cyclic telegram re-arms itself from <see cref="OnExpired"/> with
/// <c>wheel.Schedule(this, DeadlineNanoseconds + interval)</c>: the next deadline is computed from the
/// <i>scheduled</i> deadline, never from "now", so the grid never drifts. <see cref="DeadlineNanoseconds"/>
/// still holds the deadline that just expired while <see cref="OnExpired"/> runs, and the callback receives the
/// actual time, so a publisher can count missed cycles (<c>now - DeadlineNanoseconds</c>) and apply its
/// own re-arm policy (catch up every cycle, or skip and count drops).</para>
/// <para><b>Callbacks are tiny.</b> <see cref="OnExpired"/> runs on the wheel thread between ticks; it should
/// do an O(1) non-blocking hand-off (a channel <c>TryWrite</c>, a slot in a send batch) and nothing more.</para>
/// </remarks>
internal abstract class WheelTimer
{
    // Intrusive list links, owned by the TimingWheel. Internal so the wheel can use them without accessors.
    internal WheelTimer? Next;
    internal WheelTimer? Prev;
    internal TimingWheel? Owner;
    internal int ListIndex;
    internal long Tick;

    /// <summary>The deadline this timer was last scheduled for, in <see cref="MonotonicClock"/> nanoseconds.</summary>
    /// <remarks>Kept after expiry and cancellation, so <see cref="OnExpired"/> can compute the next cycle from it.</remarks>
    public long DeadlineNanoseconds { get; internal set; }

    /// <summary>True while the timer sits in a wheel (scheduled and neither fired nor cancelled).</summary>
    /// <remarks>False inside <see cref="OnExpired"/> until the callback re-schedules it.</remarks>
    public bool IsScheduled => Owner is not null;

    /// <summary>Called on the wheel's thread when the deadline has passed; never before the deadline.</summary>
    /// <param name="wheel">The wheel that fired the timer; re-schedule on it to make the timer periodic.</param>
    /// <param name="nowNanoseconds">The time passed to <see cref="TimingWheel.Advance"/> (≥ the deadline).</param>
    /// <remarks>
    /// May call <see cref="TimingWheel.Schedule"/> and <see cref="TimingWheel.Cancel"/> on any timer;
    /// a nested <see cref="TimingWheel.Advance"/> is ignored. An exception is caught and counted by the wheel
    /// (<see cref="TimingWheel.FaultCount"/>); the other timers still fire.
    /// </remarks>
    protected internal abstract void OnExpired(TimingWheel wheel, long nowNanoseconds);
}
