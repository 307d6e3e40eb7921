using TrdpSim.Plan.Validation;
using System.CommandLine;
using TrdpSim.Configuration;
using TrdpSim.DeviceXml;
using TrdpSim.Plan;
using TrdpSim.Plan.Addresses;
using TrdpSim.Reporting;

namespace TrdpSim.Cli.Commands;

/// <summary><c>trdpsim import device.xml [more.xml …] [-o train.toml]</c>: TCNopen device configurations as one
/// commented TOML configuration a person can edit.</summary>
/// <remarks>Nothing is sent. The TOML keeps the addresses the XML names, next to the <c>[import] address-map</c>
/// built from <c>--address-map</c>, so one file describes the vehicle and plays where the map says. Nothing is
/// written when the files, or the plan they make once mapped, have errors; what the run will not play is
/// listed as warnings and in the file's header.</remarks>
internal static class ImportCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("files")
        {
            Description = "TCNopen XML device configurations (.xml); several files make one train",
            Arity = ArgumentArity.OneOrMore,
        };
        var output = new Option<string?>("--output", "-o")
        {
            Description = "write the configuration to this file [default: standard output]",
            HelpName = "train.toml",
        };
        var addressMap = NetworkOptions.AddressMap();
        var command = new Command("import", "turn TCNopen device configurations into a commented TOML configuration (nothing is sent)")
        {
            files,
            output,
            addressMap,
        };
        command.SetAction(parse => Execute(parse.GetRequiredValue(files), parse.GetValue(output), NetworkOptions.Rules(parse, addressMap)));
        return command;
    }

    public static int Execute(IReadOnlyList<string> files, string? output, IReadOnlyList<AddressMapRule> addressMap)
    {
        foreach (var file in files)
        {
            if (!Path.GetExtension(file).Equals(".xml", StringComparison.OrdinalIgnoreCase))
            {
                Console.Error.WriteLine($"{file}: error: import reads TCNopen device configurations (.xml)");
                return ExitCodes.Usage;
            }
        }

        var read = XmlPlanLoader.LoadFiles(files);
        foreach (var warning in read.Warnings)
        {
            Console.Error.WriteLine(warning.ToString());
        }

        if (read.Plan is not { } plan)
        {
            return Fail(read.Errors, files);
        }

        plan.AddressMap.Rules.AddRange(addressMap);
        var text = TomlPlanWriter.Write(plan, Header(files, plan, read.Warnings));

        // What a run of the written file would check; the file is only written when it would load and run.
        var check = TomlPlanLoader.Load(text, output ?? "imported.toml");
        if (!check.Success)
        {
            Console.Error.WriteLine("trdpsim: internal error: the written configuration does not read back:");
            Console.Error.Write(check.FormatErrors());
            return ExitCodes.RuntimeError;
        }

        var errors = new List<PlanError>(AddressMapper.Apply(plan));
        if (errors.Count == 0)
        {
            errors.AddRange(PlanValidator.Validate(plan));
        }

        if (errors.Count > 0)
        {
            return Fail(errors, files);
        }

        foreach (var error in LoopbackGuard.Check(plan, datagramsOnTheWire: true))
        {
            var message = error.Location.File.Length > 0 ? error.Message + " (run refuses it)" : "run: " + error.Message;
            Console.Error.WriteLine(new PlanWarning(error.Location, message).ToString());
        }

        if (output is null)
        {
            Console.Out.Write(text);
        }
        else
        {
            try
            {
                File.WriteAllText(output, text);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                Console.Error.WriteLine($"{output}: error: cannot write the configuration: {e.Message}");
                return ExitCodes.Usage;
            }
        }

        Console.Error.WriteLine($"{output ?? "standard output"}: {ValidateCommand.Describe(plan)} from {string.Join(" + ", files)}; {read.Warnings.Count} warning(s)");
        return ExitCodes.Ok;
    }

    /// <summary>The comment at the top of the written file: where it came from, and what it does not play.</summary>
    private static List<string> Header(IReadOnlyList<string> files, RunPlan plan, IReadOnlyList<PlanWarning> warnings)
    {
        var header = new List<string>
        {
            $"trdpsim configuration written by `trdpsim import` ({BuildInfo.Describe()}) from TCNopen device",
            "configurations: " + string.Join(", ", files),
            "Each item names the XML element it came from. Format: configs/README.md; check an edited copy with",
            "`trdpsim validate`. The addresses are the XML's; [import.address-map] says where they play.",
        };
        var callers = 0;
        foreach (var device in plan.Devices)
        {
            callers += device.MdCallers.Count;
        }

        if (callers > 0)
        {
            header.Add(string.Empty);
            header.Add("MD callers send requests ('Mr') at the default rate: the XML says neither how often nor whether an");
            header.Add("MD telegram is a notification; set kind and rate below. Listeners answer 'Mp' (reply = \"reply\").");
        }

        if (warnings.Count > 0)
        {
            header.Add(string.Empty);
            header.Add("Read but not played (the import's warnings):");
            foreach (var warning in warnings)
            {
                header.Add("  " + warning);
            }
        }

        return header;
    }

    private static int Fail(IReadOnlyList<PlanError> errors, IReadOnlyList<string> files)
    {
        foreach (var error in errors)
        {
            Console.Error.WriteLine(error.ToString());
        }

        Console.Error.WriteLine($"{string.Join(" + ", files)}: {errors.Count} error(s); nothing written");
        return ExitCodes.Usage;
    }
}
