using System.CommandLine;
using TrdpSim.Hosting;
using TrdpSim.Plan;
using TrdpSim.Thresholds;

namespace TrdpSim.Cli.Commands;

/// <summary><c>trdpsim validate &lt;config | scenario | plugin&gt;</c>: every error as <c>file:line:col: error: …</c>, exit 2 if any.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var inputs = PlanFlags.Create();
        var command = inputs.Command("validate", "check a configuration, scenario, plugin or TCNopen device files without running them (nothing is sent): every error as file:line:col, exit 2 if any");
        command.SetAction(parse => Execute(inputs.ReadFiles(parse), inputs.ReadParameters(parse), inputs.ReadOptions(parse)));
        return command;
    }

    public static int Execute(IReadOnlyList<string> files, IReadOnlyDictionary<string, string> parameters, PlanOptions? options = null)
    {
        var plan = Load(files, parameters, options);
        if (plan is null)
        {
            return ExitCodes.Usage;
        }

        var unmatched = ThresholdTargets.Check(plan);
        foreach (var error in unmatched)
        {
            Console.Error.WriteLine(error.ToString());
        }

        if (unmatched.Count > 0)
        {
            return ExitCodes.Usage;
        }

        Console.WriteLine($"{string.Join(" + ", files)}: ok — {Describe(plan)}");
        return ExitCodes.Ok;
    }

    /// <summary>One line of what a valid plan holds: devices, publications, subscriptions, datasets.</summary>
    public static string Describe(RunPlan plan)
    {
        var publications = 0;
        var subscriptions = 0;
        foreach (var device in plan.Devices)
        {
            foreach (var p in device.Publications)
            {
                publications += p.Count;
            }

            foreach (var s in device.Subscriptions)
            {
                subscriptions += s.Count;
            }
        }

        return $"{plan.Devices.Count} devices, {publications} publications, {subscriptions} subscriptions, {plan.Datasets.Count} datasets";
    }

    /// <summary>Loads the plan files (with their <c>--param</c> values), rewrites their addresses through the
    /// address map, and fully validates them (<see cref="PlanFiles.Load"/>, as the daemon does); prints every
    /// warning, every error, and returns null on failure.</summary>
    /// <remarks>With <see cref="PlanOptions.ForRun"/> an address outside loopback is an error unless allowed;
    /// otherwise it is a warning, since validating sends nothing.</remarks>
    public static RunPlan? Load(IReadOnlyList<string> files, IReadOnlyDictionary<string, string> parameters, PlanOptions? options = null)
    {
        options ??= PlanOptions.None;
        var result = PlanFiles.Load(files, parameters, options: new PlanFileOptions
        {
            AddressMap = options.AddressMap,
            AllowNetwork = options.AllowNetwork,
            ForRun = options.ForRun,
        });
        foreach (var warning in result.Warnings)
        {
            Console.Error.WriteLine(warning.ToString());
        }

        if (result.Plan is { } plan)
        {
            return plan;
        }

        foreach (var error in result.Errors)
        {
            Console.Error.WriteLine(error.ToString());
        }

        // A missing file is one plain line, as before; every other failure ends with the count.
        if (!(result.Errors.Count == 1 && result.Errors[0].Location.Line == 0 && result.Errors[0].Message.StartsWith("file not found", StringComparison.Ordinal)))
        {
            Console.Error.WriteLine($"{string.Join(" + ", result.Paths)}: {result.Errors.Count} error(s)");
        }

        return null;
    }

    /// <summary>The files as they are read: an installed plugin's name becomes its folder.</summary>
    public static List<string> ResolvePaths(IReadOnlyList<string> files) => PlanFiles.Resolve(files);
}
