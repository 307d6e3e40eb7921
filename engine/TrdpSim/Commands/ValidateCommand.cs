using TrdpSim.Hosting;
using System.CommandLine;
using TrdpSim.Plan;
using TrdpSim.Thresholds;

namespace TrdpSim.Cli.Commands;

/// <summary><c>trdpsim validate &lt;config | scenario | plugin&gt;</c>: every error as <c>file:line:col: error: …</c>, exit 2 if any.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var files = PlanInputs.Files();
        var parameters = PlanInputs.Parameters();
        var command = new Command("validate", "check a configuration, scenario or plugin without running it: every error as file:line:col, exit 2 if any")
        {
            files,
            parameters,
        };
        command.SetAction(parse => Execute(parse.GetRequiredValue(files), PlanInputs.Values(parse, parameters)));
        return command;
    }

    public static int Execute(IReadOnlyList<string> files, IReadOnlyDictionary<string, string> parameters)
    {
        var plan = Load(files, parameters);
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

    /// <summary>Loads the plan files (with their <c>--param</c> values) and fully validates them
    /// (<see cref="PlanFiles.Load"/>, as the daemon does); prints every error and returns null on failure.</summary>
    public static RunPlan? Load(IReadOnlyList<string> files, IReadOnlyDictionary<string, string> parameters)
    {
        var result = PlanFiles.Load(files, parameters);
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
