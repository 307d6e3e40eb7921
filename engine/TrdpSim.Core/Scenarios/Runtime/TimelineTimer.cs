using TrdpSim.Scheduling;

namespace TrdpSim.Scenarios.Runtime;

/// <summary>Calls a scenario callback at an absolute moment, and again every period until its end.</summary>
/// <remarks>Wheel thread: it only posts an event to the worker, so a slow callback never delays the wheel;
/// periodic calls stay on their absolute grid (a late call does not shift the next one).</remarks>
internal sealed class TimelineTimer(ScenarioRuntime scenario, int callback, long periodNanoseconds, long untilNanoseconds) : WheelTimer
{
    protected internal override void OnExpired(TimingWheel wheel, long nowNanoseconds)
    {
        if (!scenario.IsActive)
        {
            return;
        }

        scenario.Post(ScenarioEventKind.Timeline, callback, DeadlineNanoseconds);
        if (periodNanoseconds <= 0)
        {
            return;
        }

        var next = DeadlineNanoseconds + periodNanoseconds;
        if (nowNanoseconds >= next)
        {
            next += (nowNanoseconds - next) / periodNanoseconds * periodNanoseconds + periodNanoseconds; // skip calls missed in a stall
        }

        if (next < untilNanoseconds)
        {
            wheel.Schedule(this, next);
        }
    }
}
