using TrdpSim.Configuration.Toml;
using TrdpSim.Plan;

namespace TrdpSim.Configuration;

/// <summary>Reads a <see cref="RunPlan"/> from a TOML configuration file (format: Configuration/README.md
/// and configs/quickstart.toml).</summary>
/// <remarks>
/// Binds from Tomlyn's syntax tree rather than its object mapper: every key and value keeps its
/// <c>line:col</c>, unknown keys are found (the mapper drops them silently), and no reflection is used, so
/// the loader is trim- and NativeAOT-safe. It only reads: all errors are collected — TOML syntax errors,
/// unknown sections or keys, wrong value types, unparsable durations or addresses, missing required keys —
/// and returned sorted by position; the plan is only returned when there are none. Every key's position is
/// carried into the plan, so <see cref="PlanLoadResult.Validated"/> (the plan validator) judges ranges,
/// relations and references at the exact key; the plan as read is kept for it unless the TOML itself did not
/// parse.
/// </remarks>
public static class TomlPlanLoader
{
    /// <summary>Reads and binds the file at <paramref name="path"/>.</summary>
    public static PlanLoadResult LoadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!PlanSourceFile.TryRead(path, out string text, out PlanError error))
        {
            return new PlanLoadResult(null, [error]);
        }

        return Load(text, path);
    }

    /// <summary>Binds TOML <paramref name="text"/>; <paramref name="fileName"/> is used in error positions,
    /// as <see cref="RunPlan.SourcePath"/> and for the default run name.</summary>
    public static PlanLoadResult Load(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(fileName);
        var errors = new PlanErrorSink();
        TomlTableNode root = TomlTreeBuilder.Parse(text, fileName, errors);

        // A document that does not parse binds to a partial tree: too unsure a plan to judge further.
        bool parsed = errors.Count == 0;

        var plan = new RunPlan { SourcePath = fileName };
        string stem = Path.GetFileNameWithoutExtension(fileName);
        if (stem.Length > 0)
        {
            plan.Name = stem;
        }

        var reader = new TomlTableReader(root, "the file", errors);
        RunSectionBinder.BindRun(reader.SubTable("run"), plan, errors);
        TomlTableNode? network = reader.SubTable("network");
        RunSectionBinder.BindNetwork(network, plan.Network, errors);
        EngineSectionBinder.Bind(reader.SubTable("engine"), network, plan, errors);
        RunSectionBinder.BindMetrics(reader.SubTable("metrics"), plan.Metrics, errors);
        ImportSectionBinder.Bind(reader.SubTable("import"), plan.AddressMap, errors);
        reader.BindAll("dataset", plan.Datasets, DatasetBinder.Bind);
        reader.BindAll("device", plan.Devices, DeviceBinder.Bind);
        FaultBinder.Bind(reader.TableArray("fault"), plan, errors);
        ThresholdBinder.Bind(reader.TableArray("threshold"), plan, errors);
        reader.ReportUnknownKeys();
        return new PlanLoadResult(parsed ? plan : null, errors.ToSortedList());
    }
}
