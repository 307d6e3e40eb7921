using TrdpSim.Composition;
using TrdpSim.Devices;
using TrdpSim.Devices.Md;
using TrdpSim.Plan;
using TrdpSim.Plan.Faults;
using TrdpSim.Scheduling;

namespace TrdpSim.Scenarios.Runtime;

/// <summary>Plays a scenario's phases on the wheel thread: changes the cycle of the selected publications,
/// the interval of the selected MD callers and how many publications send, ramping linearly.</summary>
/// <remarks>
/// <para>The changes themselves are <see cref="TrafficEdits"/>, the ones the control surface makes too; a phase's
/// steps are planned behaviour, not control actions, so they are neither audited nor journaled (the base
/// values below put everything back).</para>
/// <para>Wakes every <see cref="RampStepNanoseconds"/> while a ramp or the settle runs and otherwise only at
/// phase boundaries. Base cycles are taken from the compiled telegrams at start, so when the scenario is
/// settled (or reset) every telegram runs exactly as planned again.</para>
/// </remarks>
internal sealed class PhaseDriver : WheelTimer
{
    /// <summary>How often multipliers are updated during a ramp (10 ms).</summary>
    public const long RampStepNanoseconds = 10_000_000;

    private readonly ScenarioRuntime _scenario;
    private readonly List<PhasePlan> _phases;
    private readonly long[] _phaseStarts;
    private readonly List<(Target[] Publications, CallerTarget[] Callers)> _targets = [];
    private long _runStart;
    private int _current = -1;
    private PhaseValues _settleFrom;
    private long _settleStart;
    private long _settleLength;

    public PhaseDriver(ScenarioRuntime scenario, LiveRun run, List<PhasePlan> phases)
    {
        _scenario = scenario;
        _phases = phases;
        _phaseStarts = new long[phases.Count + 1];
        for (var i = 0; i < phases.Count; i++)
        {
            _phaseStarts[i + 1] = _phaseStarts[i] + phases[i].Duration.ToNanoseconds();
            _targets.Add((Select(run, phases[i].Select), SelectCallers(run, phases[i].Select)));
        }
    }

    /// <summary>Total length of all phases.</summary>
    public long TotalNanoseconds => _phaseStarts[^1];

    /// <summary>The phase playing now, or null before the first / after the last.</summary>
    public string? CurrentPhase => _current >= 0 && _current < _phases.Count ? _phases[_current].Name : null;

    /// <summary>The multipliers in force: what the current phase asks for at this moment of its ramp.</summary>
    public PhaseValues Current { get; private set; } = PhaseValues.Neutral;

    /// <summary>Publications a phase selects; an empty selection is a plan error reported at compile time.</summary>
    public static Target[] Select(LiveRun run, FaultTarget select)
    {
        var found = new List<Target>();
        foreach (var device in run.Devices)
        {
            if (select.Device != "*" && device.Name != select.Device)
            {
                continue;
            }

            foreach (var publication in device.Publications)
            {
                if (publication.CycleNanoseconds > 0 && FaultTargets.Matches(select, publication.Name, publication.ComId))
                {
                    found.Add(new Target(publication, publication.CycleNanoseconds));
                }
            }
        }

        return [.. found];
    }

    private static CallerTarget[] SelectCallers(LiveRun run, FaultTarget select)
    {
        var found = new List<CallerTarget>();
        foreach (var station in run.MdStations)
        {
            if (select.Device != "*" && station.Device != select.Device)
            {
                continue;
            }

            foreach (var caller in station.Callers)
            {
                if (caller.IntervalNanoseconds > 0 && FaultTargets.NameMatches(caller.Name, select.Telegram))
                {
                    found.Add(new CallerTarget(caller, caller.IntervalNanoseconds));
                }
            }
        }

        return [.. found];
    }

    public void Start(TimingWheel wheel, long runStart)
    {
        _runStart = runStart;
        if (_phases.Count > 0)
        {
            wheel.Schedule(this, runStart);
        }
    }

    /// <summary>Eases the multipliers back to neutral over <paramref name="length"/> (0 = at once).</summary>
    public void Settle(TimingWheel wheel, long now, long length)
    {
        _settleFrom = Current;
        _settleStart = now;
        _settleLength = Math.Max(length, 0);
        _current = _phases.Count; // no phase plays any more
        wheel.Schedule(this, now);
    }

    /// <summary>Puts every selected telegram back exactly as planned.</summary>
    public void Restore(TimingWheel wheel)
    {
        wheel.Cancel(this);
        _current = _phases.Count;
        Current = PhaseValues.Neutral;
        foreach (var (publications, callers) in _targets)
        {
            Apply(wheel, 0, publications, callers, PhaseValues.Neutral);
        }
    }

    protected internal override void OnExpired(TimingWheel wheel, long nowNanoseconds)
    {
        if (_settleLength > 0 || _current >= _phases.Count)
        {
            SettleStep(wheel, nowNanoseconds);
            return;
        }

        var elapsed = nowNanoseconds - _runStart;
        var index = 0;
        while (index < _phases.Count && elapsed >= _phaseStarts[index + 1])
        {
            index++;
        }

        if (index >= _phases.Count)
        {
            return; // the last phase's values stay until the scenario settles
        }

        if (index != _current)
        {
            if (_current >= 0)
            {
                Apply(wheel, nowNanoseconds, _targets[_current].Publications, _targets[_current].Callers, PhaseValues.Neutral);
            }

            _current = index;
            _scenario.OnPhase(_phases[index], nowNanoseconds);
        }

        var phase = _phases[index];
        var into = elapsed - _phaseStarts[index];
        var ramp = phase.Ramp.ToNanoseconds();
        var target = Values(phase);
        var from = index == 0 ? PhaseValues.Neutral : Values(_phases[index - 1]);
        var values = ramp > 0 && into < ramp ? PhaseValues.Lerp(from, target, (double)into / ramp) : target;
        Current = values;
        Apply(wheel, nowNanoseconds, _targets[index].Publications, _targets[index].Callers, values);
        var next = ramp > 0 && into < ramp
            ? Math.Min(nowNanoseconds + RampStepNanoseconds, _runStart + _phaseStarts[index] + ramp)
            : _runStart + _phaseStarts[index + 1];
        wheel.Schedule(this, next);
    }

    private void SettleStep(TimingWheel wheel, long now)
    {
        var done = _settleLength <= 0 || now >= _settleStart + _settleLength;
        var values = done ? PhaseValues.Neutral : PhaseValues.Lerp(_settleFrom, PhaseValues.Neutral, (double)(now - _settleStart) / _settleLength);
        Current = values;
        foreach (var (publications, callers) in _targets)
        {
            Apply(wheel, now, publications, callers, values);
        }

        if (done)
        {
            _settleLength = 0;
            _scenario.OnSettled();
        }
        else
        {
            wheel.Schedule(this, Math.Min(now + RampStepNanoseconds, _settleStart + _settleLength));
        }
    }

    private static PhaseValues Values(PhasePlan phase) => new(phase.PdRate, phase.MdRate, phase.ActiveFraction);

    private static void Apply(TimingWheel wheel, long now, Target[] publications, CallerTarget[] callers, PhaseValues values)
    {
        var active = (int)Math.Round(values.ActiveFraction * publications.Length, MidpointRounding.AwayFromZero);
        for (var i = 0; i < publications.Length; i++)
        {
            var (telegram, baseCycle) = publications[i];
            TrafficEdits.Park(telegram, i >= active);
            TrafficEdits.SetCycle(wheel, now, telegram, Math.Max(1, (long)(baseCycle / values.PdRate)));
        }

        foreach (var (caller, baseInterval) in callers)
        {
            TrafficEdits.SetCallInterval(caller, (long)(baseInterval / values.MdRate));
        }
    }

    /// <summary>A selected publication and its planned cycle.</summary>
    public readonly record struct Target(OutgoingTelegram Telegram, long BaseCycle);

    private readonly record struct CallerTarget(MdCaller Caller, long BaseInterval);
}
