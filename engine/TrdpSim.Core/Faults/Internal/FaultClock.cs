using TrdpSim.Scheduling;

namespace TrdpSim.Faults.Internal;

/// <summary>Drives one injected fault's intensity over time on the wheel: wait for the start, ease in
/// over the ramp, hold, and detach at the stop; or, once settling, ease out to 0 and detach.</summary>
/// <remarks>Times are the timer's own deadlines, not the wake-up time, so a run driven by the same
/// wheel steps has the same intensities at the same frames.</remarks>
internal sealed class FaultClock(FaultInjector injector, InjectedFault fault) : WheelTimer
{
    /// <summary>Time between intensity steps while ramping or settling.</summary>
    public const long StepNanoseconds = 10_000_000;

    private long _start;
    private long _rampEnd;
    private long _stop = long.MaxValue;
    private bool _settling;
    private long _settleStart;
    private long _settleEnd;
    private double _settleFrom;

    public InjectedFault Fault => fault;

    /// <summary>Plans start, ramp and stop as absolute times; returns the first time the clock must run, or
    /// <see cref="long.MaxValue"/> when it never needs to (no start delay, no ramp, no stop).</summary>
    public long Plan(long now)
    {
        var plan = fault.Plan;
        _start = now + (plan.Start.ToNanoseconds());
        _rampEnd = _start + (plan.RampUp.ToNanoseconds());
        _stop = plan.Stop is { } stop ? now + (stop.ToNanoseconds()) : long.MaxValue;
        fault.Intensity = _start <= now && _rampEnd <= now ? plan.Intensity : 0;
        return _start > now || _rampEnd > now ? _start : _stop;
    }

    /// <summary>Eases the intensity from its current value to 0 over <paramref name="duration"/>, then detaches.</summary>
    public long Settle(long now, long duration)
    {
        _settling = true;
        _settleStart = now;
        _settleEnd = now + duration;
        _settleFrom = fault.Intensity;
        return Math.Min(now + StepNanoseconds, _settleEnd);
    }

    protected internal override void OnExpired(TimingWheel wheel, long nowNanoseconds)
    {
        var at = DeadlineNanoseconds;
        if (_settling)
        {
            if (at >= _settleEnd)
            {
                injector.Finish(this);
                return;
            }

            fault.Intensity = _settleFrom * (_settleEnd - at) / (_settleEnd - _settleStart);
            wheel.Schedule(this, Math.Min(at + StepNanoseconds, _settleEnd));
            return;
        }

        if (at >= _stop)
        {
            injector.Finish(this);
            return;
        }

        var peak = fault.Plan.Intensity;
        if (at < _start)
        {
            fault.Intensity = 0;
            wheel.Schedule(this, _start);
        }
        else if (at < _rampEnd)
        {
            fault.Intensity = peak * (at - _start) / (_rampEnd - _start);
            wheel.Schedule(this, Math.Min(Math.Min(at + StepNanoseconds, _rampEnd), _stop));
        }
        else
        {
            fault.Intensity = peak;
            if (_stop != long.MaxValue)
            {
                wheel.Schedule(this, _stop);
            }
        }
    }
}
