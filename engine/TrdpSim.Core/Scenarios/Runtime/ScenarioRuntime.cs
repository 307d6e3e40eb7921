using Jint;
using Jint.Native;
using Jint.Runtime;
using TrdpSim.Composition;
using TrdpSim.Events;
using TrdpSim.Faults;
using TrdpSim.Plan;
using TrdpSim.Reporting;
using TrdpSim.Scheduling;

namespace TrdpSim.Scenarios.Runtime;

/// <summary>One scenario during a run: its lifecycle (active → settling → settled) on the wheel thread
/// and its callbacks on the worker thread.</summary>
/// <remarks>
/// Wheel-thread members start with the run, schedule the timeline and phases and drive the lifecycle;
/// worker-thread members (<see cref="Dispatch"/>) call into the script. The two meet only through the
/// event queue (wheel → worker) and <see cref="ScenarioHost.Post"/> (worker → wheel), so JavaScript
/// never runs on, or waits for, the wheel. A callback that throws or trips a sandbox limit fails the
/// scenario: its error is kept with the script position, it settles, and the run goes on.
/// </remarks>
public sealed class ScenarioRuntime
{
    private readonly ScenarioHost _host;
    private readonly ScenarioScript? _script;
    private readonly PhaseDriver _phases;
    private readonly List<TimelineTimer> _timers = [];
    private readonly LifecycleTimer _lifecycle;
    private RunApi? _api;
    private TimingWheel? _wheel;
    private int _state;
    private RunSummary? _summary;
    private JsValue? _summaryObject;

    internal ScenarioRuntime(ScenarioHost host, ScenarioPlan plan, LiveRun run)
    {
        _host = host;
        Plan = plan;
        Run = run;
        _script = plan.Script as ScenarioScript;
        _phases = new PhaseDriver(this, run, plan.Phases);
        _lifecycle = new LifecycleTimer(this);
        Scope = new ControlScope(ControlActor.Scenario(plan.Name), new ControlJournal(), Refusal);
    }

    /// <summary>On whose behalf the callbacks' changes are made: this scenario, journaled (taken back when it
    /// settles or is reset) and refused once it has ended.</summary>
    internal ControlScope Scope { get; }

    public ScenarioPlan Plan { get; }

    public string Name => Plan.Name;

    internal LiveRun Run { get; }

    internal ScenarioHost Host => _host;

    public ScenarioState State => (ScenarioState)Volatile.Read(ref _state);

    /// <summary>Whether the timeline and hooks are live (any thread).</summary>
    public bool IsActive => State == ScenarioState.Active;

    /// <summary>The error that stopped the scenario (<c>file:line:col: message</c>), if one did.</summary>
    public string? Error { get; private set; }

    /// <summary>The phase playing now (wheel thread's view; any thread may read it).</summary>
    public string? CurrentPhase => _phases.CurrentPhase;

    /// <summary>Wheel thread, or before the driver starts: goes active and schedules everything.</summary>
    internal void Start(TimingWheel wheel, long runStart)
    {
        _wheel = wheel;
        Volatile.Write(ref _state, (int)ScenarioState.Active);
        foreach (var entry in Plan.Timeline)
        {
            var timer = new TimelineTimer(this, entry.Callback, entry.Every.ToNanoseconds(),
                entry.Until is { } until ? runStart + (until.ToNanoseconds()) : long.MaxValue);
            _timers.Add(timer);
            wheel.Schedule(timer, runStart + (entry.At.ToNanoseconds()));
        }

        _phases.Start(wheel, runStart);
        long? activeFor = Plan.ActiveFor is { } a ? a.ToNanoseconds() : _phases.TotalNanoseconds > 0 ? _phases.TotalNanoseconds : null;
        if (activeFor is { } length)
        {
            wheel.Schedule(_lifecycle, runStart + length);
        }
    }

    /// <summary>Wheel thread: ends the active time; faults and multipliers ease back over the settle time.</summary>
    internal void BeginSettle(long now)
    {
        if (State != ScenarioState.Active)
        {
            return;
        }

        Volatile.Write(ref _state, (int)ScenarioState.Settling);
        foreach (var timer in _timers)
        {
            _wheel!.Cancel(timer);
        }

        _wheel!.Cancel(_lifecycle);
        _host.Log(this, $"settling{(Plan.Settle > TimeSpan.Zero ? $" over {Plan.Settle.TotalSeconds:0.###} s" : string.Empty)}");
        foreach (var fault in OwnedFaults())
        {
            Run.Faults.Settle(fault, now, Plan.Settle.ToNanoseconds());
        }

        _phases.Settle(_wheel, now, Plan.Settle.ToNanoseconds());
    }

    /// <summary>Wheel thread: puts everything back as planned at once, whatever the state.</summary>
    internal void Reset()
    {
        if (_wheel is null)
        {
            return;
        }

        foreach (var timer in _timers)
        {
            _wheel.Cancel(timer);
        }

        _wheel.Cancel(_lifecycle);
        _phases.Restore(_wheel);
        foreach (var fault in OwnedFaults())
        {
            Run.Faults.Repair(fault.Name);
        }

        Undo();
        Volatile.Write(ref _state, (int)ScenarioState.Settled);
    }

    /// <summary>Wheel thread: the settle time is over.</summary>
    internal void OnSettled()
    {
        Undo();
        Volatile.Write(ref _state, (int)ScenarioState.Settled);
        _host.Log(this, "settled");
    }

    /// <summary>Wheel thread: a phase began; tells the phase hooks.</summary>
    internal void OnPhase(PhasePlan phase, long now)
    {
        _host.Log(this, $"phase '{phase.Name}'" + (phase.Tags.Count > 0 ? $" [{string.Join(", ", phase.Tags)}]" : string.Empty));
        _host.Events?.Post(new RunEvent(RunEventKind.PhaseChange, now, Source: Name, Subject: phase.Name,
            Text: phase.Tags.Count > 0 ? string.Join(",", phase.Tags) : null));
        foreach (var hook in Plan.Hooks)
        {
            if (hook.Kind == HookKind.Phase)
            {
                _host.Worker.TryPost(new ScenarioEvent { Scenario = this, Kind = ScenarioEventKind.Phase, Callback = hook.Callback, Time = now, Name = phase.Name, Phase = phase });
            }
        }
    }

    /// <summary>Wheel thread: the attached faults that belong to this scenario — planned in its file, or injected by it.</summary>
    private List<InjectedFault> OwnedFaults()
    {
        var owned = new List<InjectedFault>();
        foreach (var fault in Run.Faults.Active)
        {
            if (Scope.Journal!.Injected.Contains(fault) || (Plan.SourcePath is { } file && fault.Plan.Origin.File == file))
            {
                owned.Add(fault);
            }
        }

        return owned;
    }

    internal TimingWheel Wheel => _wheel ?? throw new InvalidOperationException("the scenario has not started");

    internal void Post(ScenarioEventKind kind, int callback, long time) =>
        _host.Worker.TryPost(new ScenarioEvent { Scenario = this, Kind = kind, Callback = callback, Time = time });

    /// <summary>Any thread, after the wheel stopped: queues the end hooks with the run's summary.</summary>
    internal void PostEnd(RunSummary summary)
    {
        _summary = summary;
        foreach (var hook in Plan.Hooks)
        {
            if (hook.Kind == HookKind.End)
            {
                _host.Worker.TryPost(new ScenarioEvent { Scenario = this, Kind = ScenarioEventKind.End, Callback = hook.Callback });
            }
        }
    }

    /// <summary>Whether the scenario has end hooks (the summary is only converted for those).</summary>
    internal bool HasEndHooks => Plan.Hooks.Exists(h => h.Kind == HookKind.End);

    internal Engine? Engine => _script?.Engine;

    /// <summary>Interrupts a running callback (stop, Ctrl-C) — any thread.</summary>
    internal void Cancel() => _script?.Cancel();

    /// <summary>Worker thread: calls the event's callback.</summary>
    internal void Dispatch(in ScenarioEvent item)
    {
        if (_script is null || Error is not null)
        {
            AnswerPlanned(in item);
            return;
        }

        var engine = _script.Engine;
        _api ??= new RunApi(this, _script.Context);
        try
        {
            var callback = _script.Callbacks[item.Callback];
            var run = _api.Object;
            var start = EntryBudget.Start();
            switch (item.Kind)
            {
                case ScenarioEventKind.Telegram:
                case ScenarioEventKind.Timeout:
                    engine.Invoke(callback, EventObjects.Telegram(engine, _host, in item), run);
                    break;
                case ScenarioEventKind.Phase:
                    engine.Invoke(callback, EventObjects.Phase(engine, _host, in item), run);
                    break;
                case ScenarioEventKind.MdRequest:
                    var reply = engine.Invoke(callback, EventObjects.Telegram(engine, _host, in item), run);
                    _script.Context.Budget?.Check(start); // before the reply goes out: a callback over a limit has none
                    Answer(in item, reply);
                    return;
                case ScenarioEventKind.End:
                    _summaryObject ??= SummaryObject.Build(engine, _summary!);
                    engine.Invoke(callback, _summaryObject, run);
                    break;
                default:
                    engine.Invoke(callback, run);
                    break;
            }

            _script.Context.Budget?.Check(start);
        }
        catch (JavaScriptException e)
        {
            AnswerPlanned(in item);
            Fail(_script.Context.TryGetHostErrorSite(e.Error, out var site) ? site : At(e.Location), e.Message);
        }
        catch (Exception e) when (ScenarioLimits.Describe(e) is { } what)
        {
            AnswerPlanned(in item);
            // The statement that was running; only when the engine knows none, the callback's registration.
            var at = _script.Context.LimitSite(e, _script.CallbackOrigins[item.Callback]);
            Fail(at, $"a callback exceeded its {what}");
        }
#pragma warning disable CA1031 // Script input is untrusted: whatever it provokes fails the scenario, never the daemon.
        catch (Exception e)
#pragma warning restore CA1031
        {
            AnswerPlanned(in item);
            Fail(new SourceLocation(_script.FileName, 0, 0), $"a callback failed: {e.Message}");
        }
    }

    /// <summary>Worker thread: sends a hook's answer to the replier session waiting for it.</summary>
    private void Answer(in ScenarioEvent item, JsValue result)
    {
        var reply = ScriptedReplyReader.Read(_script!.Context, result);
        var session = item.Session!;
        var generation = item.Generation;
        _host.Post(_ => session.Station.CompleteScripted(session, generation, reply, MonotonicClock.NowNanoseconds()));
    }

    /// <summary>A failed hook still releases its request: the plan answers it.</summary>
    private void AnswerPlanned(in ScenarioEvent item)
    {
        if (item.Kind == ScenarioEventKind.MdRequest && item.Session is { } session)
        {
            var generation = item.Generation;
            _host.Post(_ => session.Station.CompleteScripted(session, generation, Devices.Md.ScriptedReply.Planned, MonotonicClock.NowNanoseconds()));
        }
    }

    private SourceLocation At(Acornima.SourceLocation where) =>
        where.Start.Line > 0 ? new SourceLocation(_script!.FileName, where.Start.Line, where.Start.Column + 1) : new SourceLocation(_script!.FileName, 0, 0);

    /// <summary>Worker thread: records the error, reports it, and settles the scenario.</summary>
    private void Fail(SourceLocation at, string message)
    {
        Error = $"{at}: {message}";
        _host.OnScenarioError(this, Error);
        _host.Post(_ => BeginSettle(MonotonicClock.NowNanoseconds()));
    }

    /// <summary>Wheel thread: takes back every change the callbacks made (the journal of <see cref="Scope"/>).</summary>
    private void Undo() => _host.RunControl.Undo(Scope, _wheel!);

    /// <summary>Wheel thread, before a callback's change: an injection needs the scenario active (a fault
    /// attached later would outlive it), any other change one that has not settled (it could never be
    /// taken back); a repair or a stop always goes ahead.</summary>
    private string? Refusal(ControlActionKind action, string target) => action switch
    {
        ControlActionKind.Inject => IsActive ? null : $"the scenario is no longer active; fault '{target}' not injected",
        ControlActionKind.Repair or ControlActionKind.StopScenario or ControlActionKind.ResetScenario => null,
        _ => State == ScenarioState.Settled ? "the scenario has settled; change not made" : null,
    };

    /// <summary>Ends the active time when the scenario's time is up.</summary>
    private sealed class LifecycleTimer(ScenarioRuntime scenario) : WheelTimer
    {
        protected internal override void OnExpired(TimingWheel wheel, long nowNanoseconds) => scenario.BeginSettle(nowNanoseconds);
    }
}
