using BenchmarkDotNet.Attributes;
using TrdpSim.Configuration;
using TrdpSim.DeviceXml;
using TrdpSim.Plan;

namespace TrdpSim.Benchmarks.Plan;

/// <summary>Reading a large train: the TCNopen XML front end against the TOML front end on the same train
/// (the TOML written from the XML by <c>trdpsim import</c>). Files come from <c>bench/import/run.sh</c>, which
/// generates them into <c>TRDPSIM_IMPORT_DIR</c>.</summary>
[MemoryDiagnoser]
public class PlanImportBenchmarks
{
    private string[] _xml = [];
    private string _toml = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        string dir = Environment.GetEnvironmentVariable("TRDPSIM_IMPORT_DIR")
            ?? throw new InvalidOperationException("set TRDPSIM_IMPORT_DIR (bench/import/run.sh does)");
        _xml = Directory.GetFiles(Path.Combine(dir, "xml"), "*.xml");
        Array.Sort(_xml, StringComparer.Ordinal);
        _toml = Path.Combine(dir, "train.toml");
        Report("xml", () => XmlPlanLoader.LoadFiles(_xml).Plan);
        Report("toml", () => TomlPlanLoader.LoadFile(_toml).Plan);
    }

    [Benchmark(Baseline = true)]
    public RunPlan? Toml() => TomlPlanLoader.LoadFile(_toml).Plan;

    [Benchmark]
    public RunPlan? Xml() => XmlPlanLoader.LoadFiles(_xml).Plan;

    /// <summary>Plan size: its items, and the memory it keeps once read (heap after a full collection).</summary>
    private static void Report(string source, Func<RunPlan?> load)
    {
        long before = GC.GetTotalMemory(forceFullCollection: true);
        RunPlan plan = load() ?? throw new InvalidOperationException(source + " train did not load");
        long after = GC.GetTotalMemory(forceFullCollection: true);
        int publications = 0;
        int subscriptions = 0;
        foreach (DevicePlan device in plan.Devices)
        {
            publications += device.Publications.Count;
            subscriptions += device.Subscriptions.Count;
        }

        Console.WriteLine($"// plan from {source}: {plan.Devices.Count} devices, {publications} publications, {subscriptions} subscriptions, {plan.Datasets.Count} datasets, retained {(after - before) / 1024.0 / 1024.0:F2} MiB");
        GC.KeepAlive(plan);
    }
}
