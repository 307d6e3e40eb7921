using TrdpSim.Buffers;
using TrdpSim.Pipeline;
using TrdpSim.Scheduling;
using TrdpSim.Distributions;

namespace TrdpSim.Faults.Internal;

/// <summary>Sends extra byte-identical copies of struck frames (receivers count them as duplicates).</summary>
internal sealed class DuplicateLink(LinkedFault fault, Outlet outlet, RandomStream rng) : FaultLink(fault, outlet, rng)
{
    private readonly int _copies = fault.Plan.Copies;

    public override LinkStage Stage => LinkStage.Multiply;

    public override bool NeedsCopy => true;

    public override int ExtraCopies() => Strike(Probability) ? _copies : 0;
}

/// <summary>Holds a struck frame back until <c>depth</c> later frames of the telegram have left, so the
/// receiver sees it out of order. One frame is held at a time; repair sends it at once.</summary>
internal sealed class ReorderLink(LinkedFault fault, Outlet outlet, RandomStream rng) : FaultLink(fault, outlet, rng)
{
    private readonly int _depth = fault.Plan.Depth;
    private TelegramBuffer? _held;
    private FrameRoute _heldRoute;
    private int _remaining;

    public override LinkStage Stage => LinkStage.Reorder;

    public override bool NeedsCopy => true;

    public override bool TryHold(TelegramBuffer copy, in FrameRoute route)
    {
        if (_held is not null || !Strike(Probability))
        {
            return false;
        }

        _held = copy;
        _heldRoute = route;
        _remaining = _depth;
        return true;
    }

    public override void AfterSend()
    {
        if (_held is not null && --_remaining <= 0)
        {
            Release();
        }
    }

    public override void OnRemoved()
    {
        if (_held is not null)
        {
            Release();
        }
    }

    private void Release()
    {
        var held = _held!;
        _held = null;
        Chain.Send(held, _heldRoute, SendPort.Unscheduled);
    }
}

/// <summary>Delays every frame by a draw from the fault's distribution × intensity: the copy waits in a
/// wheel timer and leaves at cycle time + delay with its own sequence number, so a delay longer than the
/// cycle arrives out of order. Delayed frames are counted (<c>delayed</c>) instead of recording their
/// send lateness.</summary>
internal sealed class DelayLink : FaultLink
{
    private readonly DelayDistribution _distribution;
    private readonly DelayedFramePool _timers;

    public DelayLink(LinkedFault fault, Outlet outlet, RandomStream rng, DelayedFramePool timers)
        : base(fault, outlet, rng)
    {
        _distribution = DelayDistribution.Parse(fault.Plan.Delay);
        _timers = timers;
    }

    public override LinkStage Stage => LinkStage.Delay;

    public override bool NeedsCopy => true;

    public override bool TryDelay(TelegramBuffer copy, in FrameRoute route, long intendedNanoseconds, TimingWheel wheel)
    {
        var intensity = Intensity;
        if (intensity <= 0)
        {
            return false;
        }

        var delay = (long)(_distribution.Sample(ref Rng) * intensity);
        if (delay <= 0)
        {
            return false;
        }

        var timer = _timers.Rent();
        timer.Set(Chain, copy, route);
        if (!wheel.Schedule(timer, intendedNanoseconds + delay))
        {
            // The wheel is full: send on time rather than lose the frame.
            timer.Clear();
            _timers.Return(timer);
            return false;
        }

        Fault.Strikes++;
        if (Outlet.Counters is { } counters)
        {
            counters.Delayed++;
        }
        return true;
    }
}
