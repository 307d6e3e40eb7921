using Jint;
using Jint.Native;
using Jint.Native.Function;
using TrdpSim.Composition;
using TrdpSim.Scheduling;

namespace TrdpSim.Scenarios.Runtime;

/// <summary>The <c>run</c> object callbacks receive: what a scenario may do while the run is going.</summary>
/// <remarks>
/// Worker thread. Every change goes through the run's <see cref="RunControl"/> on behalf of the scenario's
/// <see cref="ScenarioRuntime.Scope"/>: names are resolved at the call, against the compiled run's fixed
/// device and telegram lists, so a wrong name is an error the script sees at its call; the change itself is
/// applied on the wheel thread between two ticks, never racing a send, refused there once the scenario has
/// settled, and journaled so that it is taken back when the scenario settles or is reset.
/// </remarks>
internal sealed class RunApi
{
    private readonly ScenarioRuntime _scenario;
    private readonly ScenarioContext _context;
    private readonly RunControl _control;

    public RunApi(ScenarioRuntime scenario, ScenarioContext context)
    {
        _scenario = scenario;
        _context = context;
        _control = scenario.Host.RunControl;
        Object = Build();
    }

    public JsObject Object { get; }

    private Engine Engine => _context.Engine;

    private JsObject Build()
    {
        var obj = new JsObject(Engine);
        Add(obj, "now", _ => JsNumber.Create(_scenario.Host.MillisecondsSinceStart(MonotonicClock.NowNanoseconds())));
        Add(obj, "phase", _ => _scenario.CurrentPhase is { } phase ? new JsString(phase) : JsValue.Null);
        Add(obj, "log", args => { Log(args); return JsValue.Undefined; });
        Add(obj, "after", args => { After(args); return JsValue.Undefined; });
        Add(obj, "setCycle", args => { SetCycle(args); return JsValue.Undefined; });
        Add(obj, "silence", args => { Silence(args); return JsValue.Undefined; });
        Add(obj, "switchover", args => { Switchover(args); return JsValue.Undefined; });
        Add(obj, "setField", args => { SetField(args); return JsValue.Undefined; });
        Add(obj, "counters", Counters);
        Add(obj, "param", Param);
        Add(obj, "stop", _ => { _scenario.Host.Stop(_scenario.Scope, _scenario); return JsValue.Undefined; });
        Add(obj, "fail", args => { Fail(args); return JsValue.Undefined; });
        FaultActions.Register(obj, _scenario, _context);
        return obj;
    }

    private static void Add(JsObject target, string name, Func<JsValue[], JsValue> body) => PlanBuilderApi.Add(target, name, body);

    private void Log(JsValue[] args)
    {
        var parts = new string[args.Length];
        for (var i = 0; i < args.Length; i++)
        {
            parts[i] = args[i].IsString() ? args[i].AsString() : args[i].ToString();
        }

        _scenario.Host.Log(_scenario, string.Join(' ', parts));
    }

    private void After(JsValue[] args)
    {
        var delay = _context.Duration(PlanBuilderApi.Arg(args, 0), "run.after()", allowZero: true);
        var callback = PlanBuilderApi.Arg(args, 1);
        if (callback is not Function)
        {
            throw _context.Fail("run.after() expects a function to call");
        }

        var index = ((ScenarioScript)_scenario.Plan.Script!).AddCallback(callback, _context.CallSite());
        var due = MonotonicClock.NowNanoseconds() + (delay.ToNanoseconds());
        _scenario.Host.Post(_ =>
        {
            if (_scenario.IsActive)
            {
                _scenario.Wheel.Schedule(new TimelineTimer(_scenario, index, 0, long.MaxValue), due);
            }
        });
    }

    private void SetCycle(JsValue[] args)
    {
        var name = Name(PlanBuilderApi.Arg(args, 0), "run.setCycle()", "a telegram name");
        var cycle = _context.Duration(PlanBuilderApi.Arg(args, 1), "run.setCycle()", allowZero: false);
        Report(_control.SetCycle(_scenario.Scope, name, cycle), "run.setCycle()");
    }

    private void Silence(JsValue[] args)
    {
        var device = Name(PlanBuilderApi.Arg(args, 0), "run.silence()", "a device name");
        var on = args.Length < 2 || args[1].IsUndefined() || (args[1].IsBoolean() ? args[1].AsBoolean() : throw _context.Fail("run.silence(device, on) expects true or false"));
        Report(_control.SilenceDevice(_scenario.Scope, device, on), "run.silence()");
    }

    private void Switchover(JsValue[] args)
    {
        var groupValue = PlanBuilderApi.Arg(args, 0);
        if (!groupValue.IsNumber() || groupValue.AsNumber() is not (>= 1 and <= uint.MaxValue) || groupValue.AsNumber() % 1 != 0)
        {
            throw _context.Fail("run.switchover(group, device) expects a redundancy group id (a whole number from 1)");
        }

        var deviceValue = PlanBuilderApi.Arg(args, 1);
        var device = deviceValue.IsUndefined() || deviceValue.IsNull() ? null : Name(deviceValue, "run.switchover()", "a device name");
        Report(_control.SwitchLeader(_scenario.Scope, (uint)groupValue.AsNumber(), device), "run.switchover()");
    }

    private void SetField(JsValue[] args)
    {
        var telegram = Name(PlanBuilderApi.Arg(args, 0), "run.setField()", "a telegram name");
        var fieldValue = PlanBuilderApi.Arg(args, 1);
        var field = fieldValue.IsString() ? fieldValue.AsString() : throw _context.Fail("run.setField(telegram, field, value) expects a field name");
        var value = PlanBuilderApi.Arg(args, 2);
        double? pinned = value.IsNull() || value.IsUndefined() ? null
            : value.IsNumber() ? value.AsNumber()
            : value.IsBoolean() ? (value.AsBoolean() ? 1 : 0)
            : throw _context.Fail("run.setField() expects a number, a boolean, or null to let the generator run again");

        // null lets the generator run again; a field that was not pinned stays as it is, without a word.
        Report(pinned is { } v ? _control.LockField(_scenario.Scope, telegram, field, v) : _control.UnlockField(_scenario.Scope, telegram, field),
            "run.setField()", quietConflict: pinned is null);
    }

    private JsValue Counters(JsValue[] args)
    {
        var nameValue = PlanBuilderApi.Arg(args, 0);
        var name = nameValue.IsString() ? nameValue.AsString() : throw _context.Fail("run.counters() expects a telegram name");
        var deviceFilter = args.Length > 1 && args[1].IsString() ? args[1].AsString() : null;
        var read = _control.Counters(name, deviceFilter);
        if (!read.IsApplied)
        {
            throw _context.Fail($"run.counters(): {read.Message}");
        }

        var totals = read.Value;
        var obj = new JsObject(Engine);
        obj.FastSetDataProperty("sent", JsNumber.Create(totals.Sent));
        obj.FastSetDataProperty("received", JsNumber.Create(totals.Received));
        obj.FastSetDataProperty("lost", JsNumber.Create(totals.Lost));
        obj.FastSetDataProperty("duplicates", JsNumber.Create(totals.Duplicates));
        obj.FastSetDataProperty("outOfOrder", JsNumber.Create(totals.OutOfOrder));
        obj.FastSetDataProperty("timeouts", JsNumber.Create(totals.Timeouts));
        obj.FastSetDataProperty("timedOut", totals.TimedOut ? JsBoolean.True : JsBoolean.False);
        obj.FastSetDataProperty("droppedCycles", JsNumber.Create(totals.DroppedCycles));
        obj.FastSetDataProperty("sendFailures", JsNumber.Create(totals.SendFailures));
        obj.FastSetDataProperty("topoRejects", JsNumber.Create(totals.TopoRejects));
        obj.FastSetDataProperty("struck", JsNumber.Create(totals.Struck));
        obj.FastSetDataProperty("delayed", JsNumber.Create(totals.Delayed));
        obj.FastSetDataProperty("restarts", JsNumber.Create(totals.Restarts));
        obj.FastSetDataProperty("sequenceJumps", JsNumber.Create(totals.SequenceJumps));
        obj.FastSetDataProperty("pullRequests", JsNumber.Create(totals.PullRequests));
        obj.FastSetDataProperty("pullReplies", JsNumber.Create(totals.PullReplies));
        obj.FastSetDataProperty("pullLateReplies", JsNumber.Create(totals.PullLateReplies));
        obj.FastSetDataProperty("pullUnmatchedReplies", JsNumber.Create(totals.PullUnmatchedReplies));
        obj.FastSetDataProperty("pullDuplicates", JsNumber.Create(totals.PullDuplicates));
        return obj;
    }

    /// <summary><c>run.param(name)</c>: the parameter's value now, of its declared type (the control plane may
    /// have changed it since the plan was built).</summary>
    private JsValue Param(JsValue[] args)
    {
        var name = Name(PlanBuilderApi.Arg(args, 0), "run.param()", "a parameter name");
        var parameters = (_scenario.Plan.Script as ScenarioScript)?.Parameters;
        if (parameters is null || !parameters.TryGet(name, out var type, out var text))
        {
            var declared = parameters is { Names.Count: > 0 } ? "declared: " + string.Join(", ", parameters.Names) : "the scenario declares none";
            throw _context.Fail($"run.param(): no parameter '{name}' ({declared})");
        }

        return ScenarioParameters.TryConvert(type, text, out var value, out var problem) ? value : throw _context.Fail($"run.param('{name}'): {problem}");
    }

    private void Fail(JsValue[] args)
    {
        var reason = PlanBuilderApi.Arg(args, 0);
        _scenario.Host.AddFailure(_scenario, reason.IsString() ? reason.AsString() : reason.ToString(), _context.CallSite());
    }

    private string Name(JsValue value, string what, string expected) =>
        value.IsString() ? value.AsString() : throw _context.Fail($"{what} expects {expected} first");

    /// <summary>A change refused at the call for a wrong name or value is the script's error, raised here; one
    /// the run refuses later (the scenario has settled, the queue was full) is a warning in the log.</summary>
    private void Report(ControlCall call, string what, bool quietConflict = false)
    {
        if (call.Refusal is { } refused)
        {
            if (refused.Outcome is ControlOutcome.NotFound or ControlOutcome.Invalid)
            {
                throw _context.Fail($"{what}: {refused.Message}");
            }

            _scenario.Host.OnScenarioWarning(_scenario, $"{what}: {refused.Message}");
            return;
        }

        Warn(_scenario, call, result => quietConflict && result.Outcome == ControlOutcome.Conflict ? null : $"{what}: {result.Message}");
    }

    /// <summary>Logs a warning for a change the wheel thread did not make, once it has answered (off the wheel thread).</summary>
    internal static void Warn(ScenarioRuntime scenario, ControlCall call, Func<ControlResult, string?> message) =>
        call.Completion.ContinueWith(
            done =>
            {
                if (!done.Result.IsApplied && message(done.Result) is { } text)
                {
                    scenario.Host.OnScenarioWarning(scenario, text);
                }
            },
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
}
