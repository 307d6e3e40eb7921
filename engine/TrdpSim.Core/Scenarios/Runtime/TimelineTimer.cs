using TrdpSim.Scheduling;

namespace TrdpSim.Scenarios.Runtime;

/// <summary>Calls a scenario callback at an absolute moment, and again every period until its end.</summary>
/// <remarks>Wheel thread: it only posts an event to the worker, so a slow callback never delays the wheel;
/// periodic calls stay on their absolute grid (a late call does not shift the next one).</remarks>
internal sealed class TimelineTimer : WheelTimer
{
    private readonly ScenarioRuntime _scenario;
    private readonly int _callback;
    private readonly long _period;
    private readonly long _until;

    public TimelineTimer(ScenarioRuntime scenario, int callback, long periodNanoseconds, long untilNanoseconds)
    {
        _scenario = scenario;
        _callback = callback;
        _period = periodNanoseconds;
        _until = untilNanoseconds;
    }

    protected internal override void OnExpired(TimingWheel wheel, long nowNanoseconds)
    {
        if (!_scenario.IsActive)
        {
            return;
        }

        _scenario.Post(ScenarioEventKind.Timeline, _callback, DeadlineNanoseconds);
        if (_period <= 0)
        {
            return;
        }

        var next = DeadlineNanoseconds + _period;
        if (nowNanoseconds >= next)
        {
            next += (nowNanoseconds - next) / _period * _period + _period; // skip calls missed in a stall
        }

        if (next < _until)
        {
            wheel.Schedule(this, next);
        }
    }
}
