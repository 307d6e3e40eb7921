using TrdpSim.Composition;
using TrdpSim.Plan;
using TrdpSim.Scenarios;
using TrdpSim.Scenarios.Packs;
using TrdpSim.Thresholds;

namespace TrdpSim.Cli.Commands;

/// <summary><c>trdpsim validate &lt;config | scenario | plugin&gt;</c>: every error as <c>file:line:col: error: …</c>, exit 2 if any.</summary>
internal static class ValidateCommand
{
    public static int Execute(CommandLine line)
    {
        if (line.Arguments.Count < 1)
        {
            Console.Error.WriteLine("usage: trdpsim validate <config.toml | scenario.js | plugin dir | plugin name> [more files …] [--param name=value ...]");
            return ExitCodes.Usage;
        }

        var plan = Load(line);
        if (plan is null)
        {
            return ExitCodes.Usage;
        }

        foreach (var unknown in line.Unused())
        {
            Console.Error.WriteLine($"trdpsim: unknown option '{unknown}'");
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

        Console.WriteLine($"{string.Join(" + ", line.Arguments)}: ok — {Describe(plan)}");
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

    /// <summary>Loads the command line's plan file (with its <c>--param</c> values) and fully validates it;
    /// prints every error and returns null on failure.</summary>
    public static RunPlan? Load(CommandLine line)
    {
        var paths = new List<string>();
        foreach (var argument in line.Arguments)
        {
            paths.Add(PluginDirectory.ResolveRunTarget(argument));
        }

        var path = string.Join(" + ", paths);
        if (!TryReadParameters(line, out var parameters))
        {
            return null;
        }

        foreach (var file in paths)
        {
            if (!File.Exists(file) && !Directory.Exists(file))
            {
                Console.Error.WriteLine($"{file}: error: file not found (nor an installed plugin of that name)");
                return null;
            }
        }

        var result = PlanComposer.Load(paths, parameters).Validated();
        var errors = new List<PlanError>(result.Errors);
        if (result.Plan is not null && errors.Count == 0)
        {
            errors.AddRange(HostAddressCheck.Validate(result.Plan));
        }

        if (errors.Count == 0 && result.Plan is not null)
        {
            return result.Plan;
        }

        foreach (var error in errors)
        {
            Console.Error.WriteLine(error.ToString());
        }

        Console.Error.WriteLine($"{path}: {errors.Count} error(s)");
        return null;
    }

    /// <summary>The repeatable <c>--param name=value</c> options; prints the problem and returns false when one is malformed.</summary>
    public static bool TryReadParameters(CommandLine line, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Dictionary<string, string>? parameters)
    {
        parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in line.Values("--param"))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                Console.Error.WriteLine($"trdpsim: --param '{pair}' must be name=value");
                parameters = null;
                return false;
            }

            parameters[pair[..eq]] = pair[(eq + 1)..];
        }

        return true;
    }
}
