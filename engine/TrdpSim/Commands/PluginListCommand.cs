using System.CommandLine;
using System.Globalization;
using TrdpSim.Scenarios.Packs;

namespace TrdpSim.Cli.Commands;

/// <summary><c>trdpsim plugin list</c>: the installed plugins, one line each.</summary>
internal static class PluginListCommand
{
    private static readonly string[] Header = ["NAME", "VERSION", "API", "DESCRIPTION"];

    public static Command Create()
    {
        var directory = PluginCommand.DirectoryOption();
        var command = new Command("list", "installed plugins: name, version, API version, description") { directory };
        command.SetAction(parse => PluginCommand.Guard(() => Execute(parse.GetValue(directory))));
        return command;
    }

    private static int Execute(string? given)
    {
        if (PluginCommand.PluginsDirectory(given) is not { } directory)
        {
            return ExitCodes.Usage;
        }

        IReadOnlyList<InstalledPlugin> plugins = PluginDirectory.List(directory);
        if (plugins.Count == 0)
        {
            Console.WriteLine($"no plugins in {directory}");
            return ExitCodes.Ok;
        }

        var rows = new List<string[]> { Header };
        foreach (InstalledPlugin plugin in plugins)
        {
            rows.Add(plugin.Manifest is { } m
                ? [m.Name, m.Version, m.ApiVersion.ToString(CultureInfo.InvariantCulture), m.Description]
                : [plugin.Folder, "?", "?", "invalid: " + plugin.Problem]);
        }

        int[] widths = new int[3];
        foreach (string[] row in rows)
        {
            for (int i = 0; i < widths.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        Console.WriteLine($"plugins in {directory}:");
        foreach (string[] row in rows)
        {
            Console.WriteLine($"{row[0].PadRight(widths[0])}  {row[1].PadRight(widths[1])}  {row[2].PadRight(widths[2])}  {row[3]}");
        }

        return ExitCodes.Ok;
    }
}
