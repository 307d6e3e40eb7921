using TrdpSim.Composition;
using TrdpSim.Plan;
using TrdpSim.Scenarios;
using TrdpSim.Scenarios.Packs;
using TrdpSim.Thresholds;

namespace TrdpSim.Hosting;

/// <summary>Reads the plan files of a run (configurations, scenarios, plugin folders or installed plugin names)
/// and checks them fully: what <c>trdpsim run</c>, <c>validate</c> and the daemon's <c>POST /api/runs</c> share.</summary>
public static class PlanFiles
{
    /// <summary>Loads and validates <paramref name="files"/> played as one run.</summary>
    /// <param name="files">The files as given; a name that is no file is looked up among the installed plugins.</param>
    /// <param name="parameters">The scenario's <c>--param</c> values.</param>
    /// <param name="pluginDirectory">Where installed plugins are found; null = the default (<see cref="PluginDirectory.Default"/>).</param>
    /// <returns>The plan, or null with every error (<c>file:line:col: error: …</c>).</returns>
    public static PlanFilesResult Load(IReadOnlyList<string> files, IReadOnlyDictionary<string, string> parameters, string? pluginDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(parameters);
        var paths = Resolve(files, pluginDirectory);
        if (paths.Count == 0)
        {
            return new PlanFilesResult(null, paths, [new PlanError(SourceLocation.None, "no plan file was given")]);
        }

        foreach (var file in paths)
        {
            if (!File.Exists(file) && !Directory.Exists(file))
            {
                return new PlanFilesResult(null, paths, [new PlanError(new SourceLocation(file, 0, 0), "file not found (nor an installed plugin of that name)")]);
            }
        }

        var result = PlanComposer.Load(paths, parameters);
        var errors = new List<PlanError>(result.Errors);
        if (result.Plan is not null && errors.Count == 0)
        {
            errors.AddRange(RunBuilder.Validate(result.Plan));
            errors.AddRange(HostAddressCheck.Validate(result.Plan));
        }

        return errors.Count == 0 && result.Plan is { } plan
            ? new PlanFilesResult(plan, paths, [])
            : new PlanFilesResult(null, paths, errors);
    }

    /// <summary>The threshold rules of <paramref name="plan"/> that name nothing in it (checked after the command
    /// line's duration and seed were applied, as <c>run</c> does).</summary>
    public static IReadOnlyList<PlanError> UnmatchedThresholds(RunPlan plan) => ThresholdTargets.Check(plan);

    /// <summary>The files as they are read: an installed plugin's name becomes its folder.</summary>
    public static List<string> Resolve(IReadOnlyList<string> files, string? pluginDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        var paths = new List<string>(files.Count);
        foreach (var argument in files)
        {
            paths.Add(pluginDirectory is null ? PluginDirectory.ResolveRunTarget(argument) : ResolveIn(argument, pluginDirectory));
        }

        return paths;
    }

    private static string ResolveIn(string argument, string directory)
    {
        if (File.Exists(argument) || Directory.Exists(argument) || !PluginNaming.IsValidName(argument))
        {
            return argument;
        }

        var folder = Path.Combine(directory, argument);
        return File.Exists(Path.Combine(folder, PluginManifest.FileName)) ? folder : argument;
    }
}

/// <summary>A loaded and validated plan, or why there is none.</summary>
/// <param name="Plan">The plan; null when <paramref name="Errors"/> has any.</param>
/// <param name="Paths">The files as read (installed plugin names resolved to their folders).</param>
/// <param name="Errors">Every problem, with its position.</param>
public sealed record PlanFilesResult(RunPlan? Plan, IReadOnlyList<string> Paths, IReadOnlyList<PlanError> Errors);
