using TrdpSim.Plan.Validation;
using TrdpSim.Composition;
using System.CommandLine;
using TrdpSim.Plan;
using TrdpSim.Plan.Addresses;
using TrdpSim.Scenarios;
using TrdpSim.Scenarios.Packs;
using TrdpSim.Thresholds;

namespace TrdpSim.Cli.Commands;

/// <summary><c>trdpsim validate &lt;config | scenario | plugin&gt;</c>: every error as <c>file:line:col: error: …</c>, exit 2 if any.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var files = PlanInputs.Files();
        var parameters = PlanInputs.Parameters();
        var addressMap = NetworkOptions.AddressMap();
        var allowNetwork = NetworkOptions.AllowNetwork();
        var command = new Command("validate", "check a configuration, scenario, plugin or TCNopen device files without running them (nothing is sent): every error as file:line:col, exit 2 if any")
        {
            files,
            parameters,
            addressMap,
            allowNetwork,
        };
        command.SetAction(parse => Execute(
            parse.GetRequiredValue(files),
            PlanInputs.Values(parse, parameters),
            new PlanOptions { AddressMap = NetworkOptions.Rules(parse, addressMap), AllowNetwork = parse.GetValue(allowNetwork) }));
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
    /// address map, and fully validates them; prints every warning, every error, and returns null on failure.</summary>
    /// <remarks>With <see cref="PlanOptions.ForRun"/> an address outside loopback is an error unless allowed
    /// (checked before the host's addresses, whose "not on this host" would hide the real problem); otherwise
    /// it is a warning, since validating sends nothing.</remarks>
    public static RunPlan? Load(IReadOnlyList<string> files, IReadOnlyDictionary<string, string> parameters, PlanOptions? options = null)
    {
        options ??= PlanOptions.None;
        var paths = ResolvePaths(files);
        var path = string.Join(" + ", paths);
        foreach (var file in paths)
        {
            if (!File.Exists(file) && !Directory.Exists(file))
            {
                Console.Error.WriteLine($"{file}: error: file not found (nor an installed plugin of that name)");
                return null;
            }
        }

        var loaded = PlanComposer.Load(paths, parameters);
        foreach (var warning in loaded.Warnings)
        {
            Console.Error.WriteLine(warning.ToString());
        }

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
                        Console.Error.WriteLine(new PlanWarning(error.Location, message).ToString());
                    }
                }

                if (!options.ForRun || exposed.Count == 0)
                {
                    errors.AddRange(HostAddressCheck.Validate(plan));
                }
            }
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

    /// <summary>The files as they are read: an installed plugin's name becomes its folder.</summary>
    public static List<string> ResolvePaths(IReadOnlyList<string> files)
    {
        var paths = new List<string>(files.Count);
        foreach (var argument in files)
        {
            paths.Add(PluginDirectory.ResolveRunTarget(argument));
        }

        return paths;
    }
}
