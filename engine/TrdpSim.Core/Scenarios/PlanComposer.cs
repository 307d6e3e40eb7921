using TrdpSim.Configuration;
using TrdpSim.Plan;

namespace TrdpSim.Scenarios;

/// <summary>Plays several plan files as one run: <c>trdpsim run base.toml loss-bursts.js jitter/</c>.</summary>
/// <remarks>
/// The first file gives the run its name, duration (else the next file's that sets one), seed, network and
/// metrics; every file adds its datasets, devices, faults, thresholds and scenarios. A device defined
/// twice, a dataset id with two different layouts, or a later file with other network settings is an
/// error naming both places. Scenarios that drive the same device are refused by
/// <see cref="Plan.Validation.ScenarioPlanChecks"/>. <c>--param</c> values go to the one scenario or plugin among the
/// files; with several, they are ambiguous and refused.
/// </remarks>
public static class PlanComposer
{
    public static PlanLoadResult Load(IReadOnlyList<string> paths, IReadOnlyDictionary<string, string> parameters)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(parameters);
        if (paths.Count == 1)
        {
            return PlanFileLoader.LoadFile(paths[0], parameters);
        }

        var scripted = 0;
        foreach (var path in paths)
        {
            scripted += IsScript(path) ? 1 : 0;
        }

        if (parameters.Count > 0 && scripted != 1)
        {
            return new PlanLoadResult(null, [new PlanError(new SourceLocation(paths[0], 0, 0),
                $"--param needs exactly one scenario or plugin among the files to go to; {scripted} were given")]);
        }

        var errors = new List<PlanError>();
        RunPlan? run = null;
        var empty = new Dictionary<string, string>();
        foreach (var path in paths)
        {
            var result = PlanFileLoader.LoadFile(path, IsScript(path) ? parameters : empty);
            errors.AddRange(result.Errors);
            if (result.Plan is not { } plan)
            {
                continue;
            }

            if (run is null)
            {
                run = plan;
                continue;
            }

            Merge(run, plan, path, errors);
        }

        return new PlanLoadResult(errors.Count == 0 ? run : null, errors);
    }

    private static bool IsScript(string path) =>
        Directory.Exists(path) || path.EndsWith(".js", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".mjs", StringComparison.OrdinalIgnoreCase);

    private static void Merge(RunPlan run, RunPlan other, string path, List<PlanError> errors)
    {
        run.Duration ??= other.Duration;

        if (!run.Network.SameAs(other.Network) && !other.Network.SameAs(new NetworkPlan()))
        {
            errors.Add(new PlanError(new SourceLocation(path, 0, 0), "its network settings differ from the first file's; the first file sets the network of a composed run"));
        }

        if (!run.Engine.SameAs(other.Engine) && !other.Engine.SameAs(new EnginePlan()))
        {
            errors.Add(new PlanError(new SourceLocation(path, 0, 0), "its [engine] settings differ from the first file's; the first file sets the engine of a composed run"));
        }

        foreach (var dataset in other.Datasets)
        {
            var same = run.Datasets.Find(x => x.Id == dataset.Id);
            if (same is null)
            {
                run.Datasets.Add(dataset);
            }
            else if (!SameLayout(same, dataset))
            {
                errors.Add(new PlanError(dataset.Origin, $"dataset {dataset.Id} differs from the one defined at {same.Origin}"));
            }
        }

        foreach (var device in other.Devices)
        {
            if (run.Devices.Find(x => x.Name == device.Name || x.Address == device.Address) is { } twin)
            {
                errors.Add(new PlanError(device.Origin, $"device '{device.Name}' is already defined at {twin.Origin} (same {(twin.Name == device.Name ? "name" : "address")})"));
                continue;
            }

            run.Devices.Add(device);
        }

        run.Faults.AddRange(other.Faults);
        run.Thresholds.AddRange(other.Thresholds);
        run.Scenarios.AddRange(other.Scenarios);
    }

    private static bool SameLayout(DatasetPlan a, DatasetPlan b)
    {
        if (a.Elements.Count != b.Elements.Count)
        {
            return false;
        }

        for (var i = 0; i < a.Elements.Count; i++)
        {
            var (x, y) = (a.Elements[i], b.Elements[i]);
            if (x.Name != y.Name || !string.Equals(x.Type, y.Type, StringComparison.OrdinalIgnoreCase) || x.ArraySize != y.ArraySize)
            {
                return false;
            }
        }

        return true;
    }
}
