using TrdpSim.Configuration;
using TrdpSim.Plan;

namespace TrdpSim.Scenarios;

/// <summary>Plays several plan files as one run: <c>trdpsim run base.toml loss-bursts.js jitter/</c>.</summary>
/// <remarks>
/// The first file gives the run its name, duration (else the next file's that sets one), seed, network and
/// metrics; every file adds its datasets, devices, faults, thresholds, scenarios and address-map rules; the
/// TCNopen XML device files among them are read together, as one train, where the first of them stands. A dataset defined by
/// two files with the same layout is one dataset; with two different layouts, or a later file with other
/// network settings, it is an error naming both places. Everything else — a device defined twice, two
/// scenarios driving one device — is the plan validator's to judge on the composed plan, with positions in
/// each file. <c>--param</c> values go to the one scenario or plugin among the files; with several, they are
/// ambiguous and refused.
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

        var xml = new List<string>();
        foreach (var path in paths)
        {
            if (PlanFileLoader.IsDeviceXml(path))
            {
                xml.Add(path);
            }
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
        var warnings = new List<PlanWarning>();
        RunPlan? run = null;
        var whole = true;
        var empty = new Dictionary<string, string>();
        var xmlRead = false;
        foreach (var path in paths)
        {
            var isXml = PlanFileLoader.IsDeviceXml(path);
            if (isXml && xmlRead)
            {
                continue; // read with the first XML file, as one train
            }

            xmlRead |= isXml;
            var result = isXml ? PlanFileLoader.LoadDeviceXml(xml) : PlanFileLoader.LoadFile(path, IsScript(path) ? parameters : empty);
            errors.AddRange(result.Errors);
            warnings.AddRange(result.Warnings);

            // Drafts compose too, so one pass judges every file; a file with none leaves the run unjudgeable.
            if (result.Draft is not { } plan)
            {
                whole = false;
                continue;
            }

            if (run is null)
            {
                run = plan;
                continue;
            }

            Merge(run, plan, path, errors);
        }

        return new PlanLoadResult(whole ? run : null, errors, warnings);
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

        run.Devices.AddRange(other.Devices);
        run.AddressMap.Rules.AddRange(other.AddressMap.Rules);
        run.Faults.AddRange(other.Faults);
        run.Thresholds.AddRange(other.Thresholds);
        run.Scenarios.AddRange(other.Scenarios);
        run.Parameters.AddRange(other.Parameters);
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
