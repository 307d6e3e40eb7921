using System.CommandLine;
using TrdpSim.Scenarios.Packs;

namespace TrdpSim.Cli.Commands;

/// <summary><c>trdpsim plugin pack &lt;dir&gt;</c>: a valid plugin folder becomes a reproducible
/// <c>&lt;name&gt;-&lt;version&gt;.trdpplugin</c> and its <c>.sha256</c>.</summary>
internal static class PluginPackCommand
{
    public static Command Create()
    {
        var directory = new Argument<string>("folder") { Description = "the plugin folder (with its plugin.toml)" };
        var output = OptionValues.Path("--out", "folder", "where to write the pack and its .sha256 [default: the current folder]");
        var command = new Command("pack", "write <name>-<version>.trdpplugin and its .sha256 from a plugin folder") { directory, output };
        command.SetAction(parse => PluginCommand.Guard(() => Execute(parse.GetRequiredValue(directory), parse.GetValue(output) ?? ".")));
        return command;
    }

    private static int Execute(string directory, string output)
    {
        if (PluginCommand.Load(directory, new Dictionary<string, string>()) is not { } loaded)
        {
            Console.Error.WriteLine($"trdpsim: {directory} was not packed: fix the errors above");
            return ExitCodes.Usage;
        }

        PackedPlugin packed = PluginPackWriter.Write(directory, loaded.Manifest, output);
        Console.WriteLine($"packed {loaded.Manifest.Name} {loaded.Manifest.Version} ({packed.FileCount} files) into {packed.ArchivePath}");
        Console.WriteLine($"sha256 {packed.Sha256} (also in {packed.ChecksumPath}: copy it along with the pack)");
        return ExitCodes.Ok;
    }
}
