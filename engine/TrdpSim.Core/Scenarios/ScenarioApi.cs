using Jint.Native;
using Jint.Native.Function;
using Jint;
using TrdpSim.Plan;

namespace TrdpSim.Scenarios;

/// <summary>The run-time half of the plan builder (API v2): timeline (<c>at</c>, <c>after</c>,
/// <c>every</c>), hooks (<c>on</c>), phases and the lifecycle. Callbacks are only recorded here; the
/// scenario worker calls them during the run. Values are copied as given, with the call's position; their
/// rules (positive durations, multipliers, fractions) are the plan validator's.</summary>
internal sealed class ScenarioApi
{
    private static readonly string[] EveryKeys = ["start", "until"];
    private static readonly string[] HookKeys = ["device", "comId", "source", "sample"];
    // Timeouts and MD requests are not sampled and have no sender to filter on: only device and comId select.
    private static readonly string[] DeviceComIdHookKeys = ["device", "comId"];
    private static readonly string[] PhaseKeys = ["name", "duration", "ramp", "pdRate", "mdRate", "activeFraction", "device", "telegram", "comId", "tags"];
    private static readonly string[] LifecycleKeys = ["activeFor", "settle"];

    private static readonly (string Word, HookKind Value)[] HookKinds =
        [("telegram", HookKind.Telegram), ("timeout", HookKind.Timeout), ("phase", HookKind.Phase), ("end", HookKind.End), ("mdRequest", HookKind.MdRequest)];

    private readonly ScenarioContext _context;
    private readonly ScenarioPlan _scenario;
    private TimeSpan _lastAt;

    public ScenarioApi(ScenarioContext context, ScenarioPlan scenario)
    {
        _context = context;
        _scenario = scenario;
    }

    /// <summary>Script functions referred to by the timeline and hooks, by index.</summary>
    public List<JsValue> Callbacks { get; } = [];

    /// <summary>Where each callback was registered (reported when a limit stops it without a position).</summary>
    public List<SourceLocation> CallbackOrigins { get; } = [];

    public void Register(JsObject plan)
    {
        PlanBuilderApi.Add(plan, "at", args => { At(PlanBuilderApi.Arg(args, 0), PlanBuilderApi.Arg(args, 1), "plan.at()", relative: false); return JsValue.Undefined; });
        PlanBuilderApi.Add(plan, "after", args => { At(PlanBuilderApi.Arg(args, 0), PlanBuilderApi.Arg(args, 1), "plan.after()", relative: true); return JsValue.Undefined; });
        PlanBuilderApi.Add(plan, "every", args => { Every(args); return JsValue.Undefined; });
        PlanBuilderApi.Add(plan, "on", args => { On(args); return JsValue.Undefined; });
        PlanBuilderApi.Add(plan, "phase", args => { Phase(PlanBuilderApi.Arg(args, 0)); return JsValue.Undefined; });
        PlanBuilderApi.Add(plan, "lifecycle", args => { Lifecycle(PlanBuilderApi.Arg(args, 0)); return JsValue.Undefined; });
        PlanBuilderApi.Add(plan, "claim", args => { Claim(args); return JsValue.Undefined; });
    }

    private void At(JsValue time, JsValue callback, string what, bool relative)
    {
        TimeSpan offset = _context.Duration(time, what, allowZero: true);
        var at = relative ? _lastAt + offset : offset;
        _lastAt = at;
        _scenario.Timeline.Add(new TimelinePlan { At = at, Callback = Remember(callback, what), Origin = _context.CallSite() });
    }

    private void Every(JsValue[] args)
    {
        TimeSpan period = _context.Duration(PlanBuilderApi.Arg(args, 0), "plan.every()", allowZero: false);
        int callback = Remember(PlanBuilderApi.Arg(args, 1), "plan.every()");
        var entry = new TimelinePlan { At = period, Every = period, Callback = callback, Origin = _context.CallSite() };
        if (args.Length > 2)
        {
            var r = new OptionReader(_context, args[2], "plan.every() options", EveryKeys);
            entry.At = r.OptionalDuration("start") ?? period;
            entry.Until = r.OptionalDuration("until");
            r.Record(entry, entry.Origin);
        }

        _scenario.Timeline.Add(entry);
    }

    private void On(JsValue[] args)
    {
        JsValue kindValue = PlanBuilderApi.Arg(args, 0);
        string word = kindValue.IsString() ? kindValue.AsString() : string.Empty;
        HookKind? kind = null;
        foreach (var (name, value) in HookKinds)
        {
            if (name == word)
            {
                kind = value;
            }
        }

        if (kind is null)
        {
            throw _context.Fail($"plan.on() expects an event name: telegram, timeout, mdRequest, phase or end (got '{word}')");
        }

        bool hasOptions = args.Length > 2;
        var hook = new HookPlan
        {
            Kind = kind.Value,
            Callback = Remember(PlanBuilderApi.Arg(args, hasOptions ? 2 : 1), $"plan.on(\"{word}\")"),
            Origin = _context.CallSite(),
        };
        if (hasOptions)
        {
            if (kind is HookKind.Phase or HookKind.End)
            {
                throw _context.Fail($"plan.on(\"{word}\") takes no options: plan.on(\"{word}\", fn)");
            }

            var r = new OptionReader(_context, args[1], $"plan.on(\"{word}\") options", kind is HookKind.MdRequest or HookKind.Timeout ? DeviceComIdHookKeys : HookKeys);
            hook.Device = r.String("device", "*");
            hook.ComId = r.Has("comId") ? r.UInt32("comId", 0) : null;
            hook.Source = r.Has("source") ? r.Address("source", 0) : 0;
            hook.Sample = r.Int32("sample", 1);
            r.Record(hook, hook.Origin);
        }

        _scenario.Hooks.Add(hook);
    }

    private void Phase(JsValue options)
    {
        var r = new OptionReader(_context, options, "plan.phase()", PhaseKeys);
        var phase = new PhasePlan
        {
            Name = r.String("name", $"phase {_scenario.Phases.Count + 1}"),
            Duration = r.OptionalDuration("duration") ?? throw _context.Fail("plan.phase() needs 'duration'"),
            Ramp = r.Duration("ramp", TimeSpan.Zero),
            PdRate = r.Number("pdRate", 1),
            MdRate = r.Number("mdRate", 1),
            ActiveFraction = r.Number("activeFraction", 1),
            Select = new FaultTarget
            {
                Device = r.String("device", "*"),
                Telegram = r.Has("telegram") ? r.RequiredString("telegram") : null,
                ComId = r.Has("comId") ? r.UInt32("comId", 0) : null,
            },
            Origin = _context.CallSite(),
        };
        r.Record(phase, phase.Origin);
        foreach (JsValue tag in r.Items("tags"))
        {
            phase.Tags.Add(tag.IsString() ? tag.AsString() : throw r.Bad("tags", "must be strings"));
        }

        _scenario.Phases.Add(phase);
    }

    private void Lifecycle(JsValue options)
    {
        var r = new OptionReader(_context, options, "plan.lifecycle()", LifecycleKeys);
        _scenario.ActiveFor = r.OptionalDuration("activeFor") ?? _scenario.ActiveFor;
        _scenario.Settle = r.Duration("settle", _scenario.Settle);
        r.Record(_scenario, _context.CallSite());
    }

    private void Claim(JsValue[] args)
    {
        foreach (JsValue device in args)
        {
            _scenario.Claims.Add(device.IsString() && device.AsString().Length > 0
                ? device.AsString()
                : throw _context.Fail("plan.claim() expects device names"));
        }
    }

    private int Remember(JsValue callback, string what)
    {
        if (callback is not Function)
        {
            throw _context.Fail($"{what} expects a function to call");
        }

        Callbacks.Add(callback);
        CallbackOrigins.Add(_context.CallSite());
        return Callbacks.Count - 1;
    }
}
