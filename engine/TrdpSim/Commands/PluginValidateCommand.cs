using System.CommandLine;
using TrdpSim.Scenarios.Packs;

namespace TrdpSim.Cli.Commands;

/// <summary><c>trdpsim plugin validate &lt;dir | name | pack&gt;</c>: a plugin's manifest, scenario and their
/// parameters agree; a pack is verified as <c>install</c> would and validated unpacked.</summary>
internal static class PluginValidateCommand
{
    public static Command Create()
    {
        var target = new Argument<string>("plugin") { Description = "plugin folder, installed plugin name or pack (.trdpplugin)" };
        var parameters = PlanInputs.Parameters();
        var sha256 = OptionValues.Sha256("expected SHA-256 of a pack [default: the .sha256 file beside the pack]");
        var command = new Command("validate", "check a plugin or a pack: manifest, scenario, and that their parameters agree") { target, parameters, sha256 };
        command.SetAction(parse => PluginCommand.Guard(() =>
            Execute(parse.GetRequiredValue(target), PlanInputs.Values(parse, parameters), parse.GetValue(sha256))));
        return command;
    }

    private static int Execute(string argument, Dictionary<string, string> parameters, string? sha256)
    {
        if (argument.EndsWith(PluginPackWriter.Extension, StringComparison.Ordinal) && File.Exists(argument))
        {
            return ValidateArchive(argument, sha256, parameters);
        }

        if (PluginCommand.Load(PluginDirectory.ResolveRunTarget(argument), parameters) is not { } loaded)
        {
            return ExitCodes.Usage;
        }

        Console.WriteLine($"{argument}: ok — {PluginCommand.Describe(loaded)}");
        return ExitCodes.Ok;
    }

    /// <summary>Verifies a pack as <c>install</c> would, unpacks it into a temporary folder and validates the
    /// plugin there; errors name the files as <c>archive/name/file:line:col</c>.</summary>
    private static int ValidateArchive(string archive, string? sha256, Dictionary<string, string> parameters)
    {
        PluginPackContents pack = PluginPackReader.Read(archive, sha256);
        string temporary = Path.Combine(Path.GetTempPath(), $"trdpsim-validate-{Guid.NewGuid():N}");
        try
        {
            string directory = PluginInstaller.Install(pack, temporary, force: false).Directory;
            if (PluginCommand.Load(directory, parameters, (directory, $"{archive}/{pack.Manifest.Name}")) is not { } loaded)
            {
                return ExitCodes.Usage;
            }

            Console.WriteLine($"{archive}: ok — sha256 {pack.Sha256}; {PluginCommand.Describe(loaded)}");
            return ExitCodes.Ok;
        }
        finally
        {
            if (Directory.Exists(temporary))
            {
                Directory.Delete(temporary, recursive: true);
            }
        }
    }
}
