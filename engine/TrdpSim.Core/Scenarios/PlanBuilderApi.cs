using Jint;
using Jint.Native;
using Jint.Runtime.Interop;
using TrdpSim.Configuration;
using TrdpSim.Plan;

namespace TrdpSim.Scenarios;

/// <summary>Builds the <c>plan</c> object handed to a scenario's default export (API v2): reflection-free,
/// from <see cref="JsObject"/> and <see cref="ClrFunction"/>; every value is copied into the
/// <see cref="RunPlan"/> as it is given, with the position of the call that gave it. The plan validator
/// judges the result (unique names and ids, ranges, references), exactly as it judges a TOML plan.</summary>
internal sealed class PlanBuilderApi(ScenarioContext context, RunPlan plan, ScenarioParameters parameters, ScenarioApi scenario)
{
    /// <summary>Version of the scenario API, exposed as <c>plan.apiVersion</c>.</summary>
    public const int ApiVersion = 2;

    private static readonly string[] NetworkKeys =
        ["pdPort", "mdPort", "pdQos", "pdTtl", "mdQos", "mdTtl", "mdReplyTimeout", "mdMaxSessions", "defaultPdTimeout", "trafficShaping", "wheelTick", "transport"];

    private static readonly string[] DatasetKeys = ["id", "name", "elements"];
    private static readonly string[] ElementKeys = ["name", "type", "arraySize"];
    private static readonly string[] DeviceKeys = ["name", "address", "interfaces", "etbTopoCount", "opTrainTopoCount"];

    public JsObject Build()
    {
        var obj = new JsObject(context.Engine);
        obj.FastSetDataProperty("apiVersion", JsNumber.Create(ApiVersion));
        Add(obj, "name", args => { plan.Name = Name(Arg(args, 0)); Given("name"); return JsValue.Undefined; });
        Add(obj, "duration", args => { plan.Duration = context.Duration(Arg(args, 0), "plan.duration()", allowZero: true); Given("duration"); return JsValue.Undefined; });
        Add(obj, "seed", args => { plan.Seed = Seed(Arg(args, 0)); Given("seed"); return JsValue.Undefined; });
        Add(obj, "network", args => { Network(Arg(args, 0)); return JsValue.Undefined; });
        Add(obj, "dataset", args => { Dataset(Arg(args, 0)); return JsValue.Undefined; });
        Add(obj, "device", args => Device(Arg(args, 0)));
        Add(obj, "include", args => { Include(Arg(args, 0)); return JsValue.Undefined; });
        Add(obj, "param", args => parameters.Declare(context, Arg(args, 0), Arg(args, 1)));
        // Durations by the engine's own grammar, so a script's arithmetic on "1m30s" agrees with the plan's.
        Add(obj, "ms", args => JsNumber.Create(context.Duration(Arg(args, 0), "plan.ms()", allowZero: true).Ticks / 10_000.0));
        FaultApi.Register(obj, context, plan);
        scenario.Register(obj);
        ThresholdApi.Register(obj, context, plan);
        return obj;
    }

    internal static JsValue Arg(JsValue[] args, int index) => index < args.Length ? args[index] : JsValue.Undefined;

    internal static void Add(JsObject target, string name, Func<JsValue[], JsValue> body) =>
        target.FastSetDataProperty(name, new ClrFunction(target.Engine, name, (_, args) => body(args)));

    private string Text(JsValue value, string what) =>
        value.IsString() && value.AsString().Length > 0 ? value.AsString() : throw context.Fail($"{what} expects a non-empty string");

    private string Name(JsValue value) => value.IsString() ? value.AsString() : throw context.Fail("plan.name() expects a string");

    /// <summary>Records a run-level key as given by the call running now.</summary>
    private void Given(string key) => plan.Keys.Record(key, context.CallSite());

    private ulong Seed(JsValue value)
    {
        double n = value.IsNumber() ? value.AsNumber() : -1;
        return n >= 0 && n <= 9007199254740991 && Math.Floor(n) == n ? (ulong)n : throw context.Fail("plan.seed() expects a non-negative integer");
    }

    private void Network(JsValue options)
    {
        var r = new OptionReader(context, options, "plan.network()", NetworkKeys);
        NetworkPlan n = plan.Network;
        n.Origin = context.CallSite();
        r.Record(n, n.Origin);
        n.PdPort = (ushort)r.Integer("pdPort", 0, ushort.MaxValue, n.PdPort);
        n.MdPort = (ushort)r.Integer("mdPort", 0, ushort.MaxValue, n.MdPort);
        n.PdQos = (byte)r.Integer("pdQos", 0, byte.MaxValue, n.PdQos);
        n.PdTtl = (byte)r.Integer("pdTtl", 0, byte.MaxValue, n.PdTtl);
        n.MdQos = (byte)r.Integer("mdQos", 0, byte.MaxValue, n.MdQos);
        n.MdTtl = (byte)r.Integer("mdTtl", 0, byte.MaxValue, n.MdTtl);
        n.MdReplyTimeout = r.Duration("mdReplyTimeout", n.MdReplyTimeout);
        n.MdMaxSessions = r.Int32("mdMaxSessions", n.MdMaxSessions);
        n.DefaultPdTimeout = r.Duration("defaultPdTimeout", n.DefaultPdTimeout);
        if (r.Raw("trafficShaping") is { } shaping)
        {
            n.TrafficShaping = shaping.IsBoolean() ? shaping.AsBoolean() : throw r.Bad("trafficShaping", "must be true or false");
        }

        n.WheelTick = r.Duration("wheelTick", n.WheelTick);
        n.Transport = r.Word("transport", PlanWords.Transports, n.Transport);
    }

    private void Dataset(JsValue options)
    {
        var r = new OptionReader(context, options, "plan.dataset()", DatasetKeys);
        var dataset = new DatasetPlan
        {
            Id = (uint)r.RequiredInteger("id", 0, uint.MaxValue),
            Name = r.String("name", string.Empty),
            Origin = context.CallSite(),
        };
        r.Record(dataset, dataset.Origin);
        foreach (JsValue item in r.Items("elements"))
        {
            var e = new OptionReader(context, item, $"an element of dataset {dataset.Id}", ElementKeys);
            var element = new DatasetElementPlan
            {
                Name = e.RequiredString("name"),
                Type = e.RequiredString("type"),
                ArraySize = e.Int32("arraySize", 1),
                Origin = dataset.Origin,
            };
            e.Record(element, element.Origin);
            dataset.Elements.Add(element);
        }

        plan.Datasets.Add(dataset);
    }

    /// <summary><c>plan.include("train.toml")</c>: the datasets, devices, faults and thresholds of a TOML
    /// configuration (path relative to the scenario), so a scenario can drive an existing train.</summary>
    /// <remarks>The configuration must read without errors; its items keep their positions in the TOML file,
    /// so the plan validator names that file for a rule they break (a device name the scenario uses too).</remarks>
    private void Include(JsValue pathValue)
    {
        string relative = Text(pathValue, "plan.include()");
        if (!relative.EndsWith(".toml", StringComparison.OrdinalIgnoreCase))
        {
            throw context.Fail($"plan.include() takes a .toml configuration, not '{relative}'");
        }

        string path = Path.IsPathRooted(relative) ? relative : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(context.FileName)) ?? ".", relative);
        if (!File.Exists(path))
        {
            throw context.Fail($"plan.include(): no file '{relative}' (looked for {path})");
        }

        PlanLoadResult included = TomlPlanLoader.LoadFile(path);
        if (!included.Success)
        {
            throw context.Fail($"plan.include(): '{relative}' has errors:\n{included.FormatErrors().TrimEnd()}");
        }

        RunPlan other = included.Plan!;
        if (plan.Network.SameAs(new NetworkPlan()))
        {
            plan.Network = other.Network;
        }
        else if (!other.Network.SameAs(new NetworkPlan()) && !other.Network.SameAs(plan.Network))
        {
            throw context.Fail($"plan.include(): '{relative}' sets other network settings than plan.network() did");
        }

        if (plan.Engine.SameAs(new EnginePlan()))
        {
            plan.Engine = other.Engine;
        }

        plan.Datasets.AddRange(other.Datasets);
        plan.Devices.AddRange(other.Devices);
        plan.Faults.AddRange(other.Faults);
        plan.Thresholds.AddRange(other.Thresholds);
    }

    private JsObject Device(JsValue options)
    {
        if (options.IsString())
        {
            return ExistingDevice(options.AsString());
        }

        var r = new OptionReader(context, options, "plan.device()", DeviceKeys);
        var device = new DevicePlan
        {
            Name = r.RequiredString("name"),
            Address = r.Has("address") ? r.Address("address", 0) : r.Has("interfaces") ? 0u : throw context.Fail("plan.device() needs 'address' or 'interfaces'"),
            EtbTopoCount = r.UInt32("etbTopoCount", 0),
            OpTrainTopoCount = r.UInt32("opTrainTopoCount", 0),
            Origin = context.CallSite(),
        };
        foreach (var item in r.Has("interfaces") ? r.Items("interfaces") : [])
        {
            var text = item.ToString();
            device.Interfaces.Add(AddressParser.TryParse(text, out uint address) ? address
                : throw context.Fail($"plan.device(): 'interfaces' holds '{text}', not an IPv4 address a.b.c.d"));
        }

        if (device.Address == 0 && device.Interfaces.Count > 0)
        {
            device.Address = device.Interfaces[0];
        }
        r.Record(device, device.Origin);
        plan.Devices.Add(device);
        return new DeviceBuilderApi(context, device).Build();
    }

    /// <summary><c>plan.device("name")</c>: the builder of a device defined earlier (by <c>plan.device({...})</c>
    /// or <c>plan.include()</c>), so a scenario can add telegrams to a train it included.</summary>
    private JsObject ExistingDevice(string name)
    {
        foreach (DevicePlan device in plan.Devices)
        {
            if (device.Name == name)
            {
                return new DeviceBuilderApi(context, device).Build();
            }
        }

        throw context.Fail($"plan.device(\"{name}\"): no device '{name}' yet (define it with plan.device({{ name, address }}) or plan.include() it first)");
    }
}
