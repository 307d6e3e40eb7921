namespace TrdpSim.Scenarios.Runtime;

/// <summary>Something for the scenario worker to hand to JavaScript; travels through the bounded event
/// queue by value, so posting one allocates nothing.</summary>
internal struct ScenarioEvent
{
    public ScenarioRuntime Scenario;

    public ScenarioEventKind Kind;

    /// <summary>Callback index in the scenario's script.</summary>
    public int Callback;

    /// <summary>Monotonic time of the event (nanoseconds).</summary>
    public long Time;

    /// <summary>Telegram (subscription) name, or phase name.</summary>
    public string? Name;

    /// <summary>Device name.</summary>
    public string? Device;

    /// <summary>The names as JavaScript strings, made once per tap rather than once per event (hooks).</summary>
    public Jint.Native.JsString? NameValue;

    public Jint.Native.JsString? DeviceValue;

    public uint ComId;

    public uint Sequence;

    public uint Source;

    /// <summary>A timeout whose deadline fell inside a stall of trdpsim's own threads (timeout hooks).</summary>
    public bool SelfInflicted;

    /// <summary>Dataset bytes rented from the shared array pool (returned by the worker), or null.</summary>
    public byte[]? Payload;

    public int PayloadLength;

    /// <summary>The replier session waiting for the script's answer (MD request hooks).</summary>
    public Devices.Md.MdReplierSession? Session;

    /// <summary>The session's generation when the request arrived.</summary>
    public int Generation;

    /// <summary>The phase that began (phase hooks).</summary>
    public Plan.PhasePlan? Phase;

    /// <summary>An event about a named telegram or replier of a device (telegram, timeout and MD request hooks);
    /// the caller adds, with <c>with</c>, what its kind carries besides.</summary>
    public static ScenarioEvent About(ScenarioRuntime scenario, ScenarioEventKind kind, int callback, long time, string name,
        string device, Jint.Native.JsString nameValue, Jint.Native.JsString deviceValue, uint comId) => new()
        {
            Scenario = scenario,
            Kind = kind,
            Callback = callback,
            Time = time,
            Name = name,
            Device = device,
            NameValue = nameValue,
            DeviceValue = deviceValue,
            ComId = comId,
        };
}

internal enum ScenarioEventKind
{
    Timeline,
    Telegram,
    Timeout,
    Phase,
    End,
    MdRequest,
}
