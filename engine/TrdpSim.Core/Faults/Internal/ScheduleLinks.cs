using TrdpSim.Distributions;
using TrdpSim.Pipeline;
using TrdpSim.Scheduling;

namespace TrdpSim.Faults.Internal;

/// <summary>A babbling idiot: the telegram is sent <c>rate-factor</c> × as often, the extra frames
/// prepared like any cycle (new sequence number, generators advance) and spread evenly between cycles
/// on the link's own timer.</summary>
/// <remarks>The effective factor eases from 1 to <c>rate-factor</c> with the intensity. An extra frame
/// due in a tick that already passed is sent at once (up to <see cref="MaxBurst"/> per firing), so
/// factors above the tick rate still reach their count.</remarks>
internal sealed class BabbleLink : FaultLink
{
    /// <summary>Most extra frames one firing of the timer sends.</summary>
    public const int MaxBurst = 64;

    private readonly double _factor;
    private readonly BabbleTimer _timer;
    private TimingWheel? _wheel;

    public BabbleLink(LinkedFault fault, Outlet outlet, RandomStream rng)
        : base(fault, outlet, rng)
    {
        _factor = fault.Plan.RateFactor;
        _timer = new BabbleTimer(this);
    }

    public override LinkStage Stage => LinkStage.Schedule;

    // Extra frames are prepared in the telegram's own buffer between cycles, so every frame of
    // this telegram must leave as a copy: a frame still waiting in the batch would be overwritten.
    public override bool NeedsCopy => true;

    public override void OnAttached(TimingWheel wheel, long nowNanoseconds)
    {
        _wheel = wheel;

        // Start half an extra interval after the telegram's own next send, not "now": a fault on many
        // telegrams would otherwise send every telegram's extra frames in one tick (770 frames in one
        // burst stalled the wheel for ~2 ms each cycle); this way they inherit the traffic shaping.
        var cycle = Source.CycleNanoseconds;
        var first = nowNanoseconds;
        if (cycle > 0 && Source.IsScheduled && Source.DeadlineNanoseconds >= nowNanoseconds)
        {
            first = Source.DeadlineNanoseconds + (long)(cycle / Math.Max(1, _factor - 1) / 2);
        }

        wheel.Schedule(_timer, first);
    }

    public override void OnRemoved() => _wheel?.Cancel(_timer);

    private void Fire(TimingWheel wheel, long deadline, long now)
    {
        var cycle = Source.CycleNanoseconds;
        if (cycle <= 0)
        {
            return;
        }

        var extraPerCycle = (_factor - 1) * Intensity;
        if (extraPerCycle <= 0)
        {
            // Not active (yet): look again a cycle later.
            wheel.Schedule(_timer, deadline + cycle);
            return;
        }

        var interval = Math.Max(1, (long)(cycle / extraPerCycle));
        var next = deadline;
        for (var sent = 0; next <= now && sent < MaxBurst; sent++)
        {
            if (Chain.EmitExtra(next))
            {
                Fault.Strikes++;
            }

            next += interval;
        }

        wheel.Schedule(_timer, Math.Max(next, deadline + interval));
    }

    private sealed class BabbleTimer(BabbleLink link) : WheelTimer
    {
        protected internal override void OnExpired(TimingWheel wheel, long nowNanoseconds) =>
            link.Fire(wheel, DeadlineNanoseconds, nowNanoseconds);
    }
}

/// <summary>Cycle drift: each re-arm is stretched by <c>drift-ppm</c> × intensity parts per million (a
/// clock running slow, or fast for a negative value). Fractions of a nanosecond are carried over, so
/// the drift is exact over many cycles.</summary>
internal sealed class DriftLink(LinkedFault fault, Outlet outlet, RandomStream rng) : FaultLink(fault, outlet, rng)
{
    private readonly double _ppm = fault.Plan.DriftPpm;
    private double _carry;

    public override LinkStage Stage => LinkStage.Schedule;

    public override long Stretch(long cycleNanoseconds)
    {
        var intensity = Intensity;
        if (intensity <= 0 || _ppm == 0)
        {
            return cycleNanoseconds;
        }

        var exact = (cycleNanoseconds * _ppm * intensity / 1e6) + _carry;
        var whole = Math.Floor(exact);
        _carry = exact - whole;
        Fault.Strikes++;
        return Math.Max(1, cycleNanoseconds + (long)whole);
    }
}
