using Jint;
using Jint.Native;
using Jint.Native.Function;
using TrdpSim.Devices;
using TrdpSim.Plan.Faults;
using TrdpSim.Scheduling;

namespace TrdpSim.Scenarios.Runtime;

/// <summary>The <c>run</c> object callbacks receive: what a scenario may do while the run is going.</summary>
/// <remarks>
/// Worker thread. Names are resolved here, against the compiled run's fixed device and telegram lists,
/// so a wrong name is an error the script sees at its call; the change itself is posted to the wheel
/// thread and applied between two ticks, never racing a send. Every change is remembered and taken back
/// when the scenario settles or is reset.
/// </remarks>
internal sealed class RunApi
{
    private readonly ScenarioRuntime _scenario;
    private readonly ScenarioContext _context;

    public RunApi(ScenarioRuntime scenario, ScenarioContext context)
    {
        _scenario = scenario;
        _context = context;
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
        Add(obj, "setField", args => { SetField(args); return JsValue.Undefined; });
        Add(obj, "counters", Counters);
        Add(obj, "stop", _ => { _scenario.Host.Post(_ => _scenario.BeginSettle(MonotonicClock.NowNanoseconds())); return JsValue.Undefined; });
        Add(obj, "fail", args => { Fail(args); return JsValue.Undefined; });
        FaultActions.Register(obj, _scenario, _context);
        return obj;
    }

    private static void Add(JsObject target, string name, Func<JsValue[], JsValue> body) => PlanBuilderApi.Add(target, name, body);

    /// <summary>Posts a change to the wheel thread, where it is made only if the scenario has not settled
    /// meanwhile (a change made after the settle could never be taken back).</summary>
    private void Change(string what, Action change) => _scenario.Host.Post(_ =>
    {
        if (_scenario.State == ScenarioState.Settled)
        {
            _scenario.Host.OnScenarioWarning(_scenario, $"{what}: the scenario has settled; change not made");
            return;
        }

        change();
    });

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
        var due = MonotonicClock.NowNanoseconds() + (delay.Ticks * 100);
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
        var telegrams = Publications(PlanBuilderApi.Arg(args, 0), "run.setCycle()");
        var cycle = _context.Duration(PlanBuilderApi.Arg(args, 1), "run.setCycle()", allowZero: false).Ticks * 100;
        Change("run.setCycle()", () =>
        {
            var now = MonotonicClock.NowNanoseconds();
            foreach (var telegram in telegrams)
            {
                var before = telegram.CycleNanoseconds;
                _scenario.RememberUndo(() => PhaseDriver.SetCycle(_scenario.Wheel, MonotonicClock.NowNanoseconds(), telegram, before));
                PhaseDriver.SetCycle(_scenario.Wheel, now, telegram, cycle);
            }
        });
    }

    private void Silence(JsValue[] args)
    {
        var device = Device(PlanBuilderApi.Arg(args, 0), "run.silence()");
        var on = args.Length < 2 || args[1].IsUndefined() || (args[1].IsBoolean() ? args[1].AsBoolean() : throw _context.Fail("run.silence(device, on) expects true or false"));
        var telegrams = device.Publications.ToArray();
        Change("run.silence()", () =>
        {
            foreach (var telegram in telegrams)
            {
                var before = telegram.Silenced;
                _scenario.RememberUndo(() => telegram.Silenced = before);
                telegram.Silenced = on;
            }
        });
    }

    private void SetField(JsValue[] args)
    {
        var telegrams = Publications(PlanBuilderApi.Arg(args, 0), "run.setField()");
        var fieldValue = PlanBuilderApi.Arg(args, 1);
        var field = fieldValue.IsString() ? fieldValue.AsString() : throw _context.Fail("run.setField(telegram, field, value) expects a field name");
        var value = PlanBuilderApi.Arg(args, 2);
        double? pinned = value.IsNull() || value.IsUndefined() ? null
            : value.IsNumber() ? value.AsNumber()
            : value.IsBoolean() ? (value.AsBoolean() ? 1 : 0)
            : throw _context.Fail("run.setField() expects a number, a boolean, or null to let the generator run again");
        var generators = new List<Devices.Generators.FieldGenerator>();
        foreach (var telegram in telegrams)
        {
            generators.Add(telegram.FindGenerator(field) ?? throw _context.Fail($"run.setField(): telegram '{telegram.Name}' has no generator for field '{field}'"));
        }

        Change("run.setField()", () =>
        {
            foreach (var generator in generators)
            {
                var before = generator.Override;
                _scenario.RememberUndo(() => generator.Override = before);
                generator.Override = pinned;
            }
        });
    }

    private JsValue Counters(JsValue[] args)
    {
        var nameValue = PlanBuilderApi.Arg(args, 0);
        var name = nameValue.IsString() ? nameValue.AsString() : throw _context.Fail("run.counters() expects a telegram name");
        var deviceFilter = args.Length > 1 && args[1].IsString() ? args[1].AsString() : null;
        var totals = new Telemetry.TelegramCounters();
        var found = false;
        foreach (var group in _scenario.Run.Telemetry.Groups)
        {
            if (group.Name == name && (deviceFilter is null || group.Device == deviceFilter))
            {
                totals.Accumulate(group.Totals());
                found = true;
            }
        }

        if (!found)
        {
            throw _context.Fail($"run.counters(): no telegram named '{name}'" + (deviceFilter is null ? string.Empty : $" on device '{deviceFilter}'"));
        }

        var obj = new JsObject(Engine);
        obj.FastSetDataProperty("sent", JsNumber.Create(totals.Sent));
        obj.FastSetDataProperty("received", JsNumber.Create(totals.Received));
        obj.FastSetDataProperty("lost", JsNumber.Create(totals.Lost));
        obj.FastSetDataProperty("duplicates", JsNumber.Create(totals.Duplicates));
        obj.FastSetDataProperty("outOfOrder", JsNumber.Create(totals.OutOfOrder));
        obj.FastSetDataProperty("timeouts", JsNumber.Create(totals.Timeouts));
        obj.FastSetDataProperty("timedOut", totals.TimedOut > 0 ? JsBoolean.True : JsBoolean.False);
        obj.FastSetDataProperty("droppedCycles", JsNumber.Create(totals.DroppedCycles));
        obj.FastSetDataProperty("sendFailures", JsNumber.Create(totals.SendFailures));
        obj.FastSetDataProperty("topoRejects", JsNumber.Create(totals.TopoRejects));
        return obj;
    }

    private void Fail(JsValue[] args)
    {
        var reason = PlanBuilderApi.Arg(args, 0);
        _scenario.Host.AddFailure(_scenario, reason.IsString() ? reason.AsString() : reason.ToString(), _context.CallSite());
    }

    private List<Publication> Publications(JsValue nameValue, string what)
    {
        var name = nameValue.IsString() ? nameValue.AsString() : throw _context.Fail($"{what} expects a telegram name first");
        var found = new List<Publication>();
        foreach (var device in _scenario.Run.Devices)
        {
            foreach (var publication in device.Publications)
            {
                if (FaultTargets.NameMatches(publication.Name, name))
                {
                    found.Add(publication);
                }
            }
        }

        return found.Count > 0 ? found : throw _context.Fail($"{what}: no published telegram named '{name}'");
    }

    private VirtualDevice Device(JsValue nameValue, string what)
    {
        var name = nameValue.IsString() ? nameValue.AsString() : throw _context.Fail($"{what} expects a device name first");
        foreach (var device in _scenario.Run.Devices)
        {
            if (device.Name == name)
            {
                return device;
            }
        }

        throw _context.Fail($"{what}: no device named '{name}'");
    }
}
