using System.CommandLine;
using TrdpSim.Scenarios.Packs;

namespace TrdpSim.Cli.Commands;

/// <summary><c>trdpsim plugin install &lt;pack&gt;</c>: verifies a pack and installs it where <c>run</c> finds
/// plugins by name.</summary>
internal static class PluginInstallCommand
{
    public static Command Create()
    {
        var archive = new Argument<string>("pack") { Description = "the pack (<name>-<version>.trdpplugin)" };
        var directory = PluginCommand.DirectoryOption();
        var force = OptionValues.Flag("--force", "replace another installed version of the plugin [default: refuse]");
        var sha256 = OptionValues.Sha256("expected SHA-256 of the pack [default: the .sha256 file beside the pack]");
        var command = new Command("install", "verify a pack and install it") { archive, directory, force, sha256 };
        command.SetAction(parse => PluginCommand.Guard(() =>
            Execute(parse.GetRequiredValue(archive), parse.GetValue(directory), parse.GetValue(force), parse.GetValue(sha256))));
        return command;
    }

    private static int Execute(string archive, string? given, bool force, string? sha256)
    {
        if (PluginCommand.PluginsDirectory(given) is not { } directory)
        {
            return ExitCodes.Usage;
        }

        PluginPackContents pack = PluginPackReader.Read(archive, sha256);
        PluginInstallResult result = PluginInstaller.Install(pack, directory, force);
        PluginManifest m = pack.Manifest;
        Console.WriteLine(result.Outcome switch
        {
            PluginInstallOutcome.AlreadyInstalled => $"{m.Name} {m.Version} is already installed in {result.Directory}",
            PluginInstallOutcome.Replaced => $"installed {m.Name} {m.Version} (api {m.ApiVersion}) in {result.Directory}, replacing {result.PreviousVersion ?? "a folder that was not a valid plugin"}",
            _ => $"installed {m.Name} {m.Version} (api {m.ApiVersion}) in {result.Directory}",
        });
        return ExitCodes.Ok;
    }
}
