using TrdpSim.Composition;
using TrdpSim.Plan;
using TrdpSim.Plan.Addresses;
using TrdpSim.Plan.Validation;
using TrdpSim.Scenarios;
using TrdpSim.Scenarios.Packs;
using TrdpSim.Thresholds;

namespace TrdpSim.Hosting;

/// <summary>Reads the plan files of a run (configurations, scenarios, plugin folders or installed plugin names)
/// and checks them fully: what <c>trdpsim run</c>, <c>validate</c> and the daemon's <c>POST /api/runs</c> share.</summary>
public static class PlanFiles
{
    /// <summary>Loads <paramref name="files"/> played as one run, rewrites their addresses through the address map,
    /// and validates them fully.</summary>
    /// <param name="files">The files as given; a name that is no file is looked up among the installed plugins.</param>
    /// <param name="parameters">The scenario's <c>--param</c> values.</param>
    /// <param name="pluginDirectory">Where installed plugins are found; null = the default (<see cref="PluginDirectory.Default"/>).</param>
    /// <param name="options">Address rewrites, and whether the plan is about to run (<see cref="PlanFileOptions.ForRun"/>).</param>
    /// <returns>The plan, or null with every error (<c>file:line:col: error: …</c>); warnings either way.</returns>
    /// <remarks>With <see cref="PlanFileOptions.ForRun"/> an address outside loopback is an error unless allowed
    /// (checked before the host's addresses, whose "not on this host" would hide the real problem); otherwise
    /// it is a warning, since validating sends nothing.</remarks>
    public static PlanFilesResult Load(IReadOnlyList<string> files, IReadOnlyDictionary<string, string> parameters, string? pluginDirectory = null, PlanFileOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(parameters);
        options ??= PlanFileOptions.None;
        var paths = Resolve(files, pluginDirectory);
        if (paths.Count == 0)
        {
            return new PlanFilesResult(null, paths, [new PlanError(SourceLocation.None, "no plan file was given")], []);
        }

        foreach (var file in paths)
        {
            if (!File.Exists(file) && !Directory.Exists(file))
            {
                return new PlanFilesResult(null, paths, [new PlanError(new SourceLocation(file, 0, 0), "file not found (nor an installed plugin of that name)")], []);
            }
        }

        var loaded = PlanComposer.Load(paths, parameters);
        var warnings = new List<PlanWarning>(loaded.Warnings);
        if (loaded.Draft is { } draft)
        {
            draft.AddressMap.Rules.AddRange(options.AddressMap);
            draft.Network.AllowNetwork |= options.AllowNetwork;
        }

        var result = loaded.Validated();
        var errors = new List<PlanError>(result.Errors);
        if (result.Plan is { } plan && errors.Count == 0)
        {
            errors.AddRange(AddressMapper.Apply(plan));
            if (errors.Count == 0)
            {
                // Judged again as it will be played: a map can make two vehicles' devices one address.
                errors.AddRange(PlanValidator.Validate(plan));
                var exposed = LoopbackGuard.Check(plan, datagramsOnTheWire: plan.Network.Transport == TransportKind.Udp);
                if (options.ForRun)
                {
                    errors.AddRange(exposed);
                }
                else
                {
                    foreach (var error in exposed)
                    {
                        var message = error.Location.File.Length > 0 ? error.Message + " (run refuses it)" : "run: " + error.Message;
                        warnings.Add(new PlanWarning(error.Location, message));
                    }
                }

                if (!options.ForRun || exposed.Count == 0)
                {
                    errors.AddRange(HostAddressCheck.Validate(plan));
                }

                if (plan.Devices.Count == 0)
                {
                    // A run of no device sends and hears nothing and passes every threshold: most likely the wrong
                    // file, or a part (datasets only) meant to be played with others. A part validates on its own.
                    var where = new SourceLocation(paths[0], 1, 1);
                    const string Nothing = "the plan defines no device, so a run would send and receive nothing (add a [[device]], a scenario's device(), or a TCNopen device file; a file of shared parts is played together with one that has devices)";
                    if (options.ForRun)
                    {
                        errors.Add(new PlanError(where, Nothing));
                    }
                    else
                    {
                        warnings.Add(new PlanWarning(where, Nothing + " (run refuses it)"));
                    }
                }
            }
        }

        return errors.Count == 0 && result.Plan is { } valid
            ? new PlanFilesResult(valid, paths, [], warnings)
            : new PlanFilesResult(null, paths, errors, warnings);
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
/// <param name="Warnings">What does not stop the run but should be known (elements read and not played …).</param>
public sealed record PlanFilesResult(RunPlan? Plan, IReadOnlyList<string> Paths, IReadOnlyList<PlanError> Errors, IReadOnlyList<PlanWarning> Warnings);

/// <summary>How <see cref="PlanFiles.Load"/> prepares a plan: address rewrites given besides the plan's own, and
/// whether traffic may leave the machine.</summary>
public sealed record PlanFileOptions
{
    public static PlanFileOptions None { get; } = new();

    /// <summary><c>--address-map</c> rules, added to the plan's own (<c>[import] address-map</c>).</summary>
    public IReadOnlyList<AddressMapRule> AddressMap { get; init; } = [];

    /// <summary><c>--allow-network</c>.</summary>
    public bool AllowNetwork { get; init; }

    /// <summary>The plan is about to run: an address outside loopback is an error (for <c>validate</c>, which
    /// never sends, a warning that says <c>run</c> would refuse it).</summary>
    public bool ForRun { get; init; }
}
