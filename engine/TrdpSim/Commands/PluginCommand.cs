using System.CommandLine;
using TrdpSim.Plan;
using TrdpSim.Scenarios.Packs;

namespace TrdpSim.Cli.Commands;

/// <summary><c>trdpsim plugin validate|pack|install|list</c>: plugin folders and their shareable packs
/// (format and rules: plugins/README.md, "Plugin packs"). One file per sub-verb; what they share is here.</summary>
/// <remarks>Exit codes: 0 done, 2 bad usage or an invalid/refused plugin or pack (nothing was changed),
/// 3 the file system failed (cannot read or write).</remarks>
internal static class PluginCommand
{
    public static Command Create() => new("plugin", "check, pack, install and list plugins (plugins/README.md)")
    {
        PluginValidateCommand.Create(),
        PluginPackCommand.Create(),
        PluginInstallCommand.Create(),
        PluginListCommand.Create(),
    };

    /// <summary>Runs a sub-verb: a refused pack is a usage error (2), a failing file system a runtime error (3).</summary>
    public static int Guard(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (PluginPackException e)
        {
            Console.Error.WriteLine("trdpsim: " + e.Message);
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"trdpsim: {e.Message}");
            return ExitCodes.RuntimeError;
        }
    }

    /// <summary><c>--dir</c>: where plugins are installed.</summary>
    public static Option<string?> DirectoryOption() => OptionValues.Path(
        "--dir",
        "folder",
        $"the plugins folder [default: ${PluginDirectory.EnvironmentVariable}, else ~/.local/share/trdpsim/plugins]");

    /// <summary>The plugins folder: <c>--dir</c>, else the default; prints the problem and returns null when there is none.</summary>
    public static string? PluginsDirectory(string? given)
    {
        string? directory = given ?? PluginDirectory.Default();
        if (directory is null)
        {
            Console.Error.WriteLine($"trdpsim: no plugin directory: set ${PluginDirectory.EnvironmentVariable} or HOME, or pass --dir <folder>");
        }

        return directory;
    }

    public static string Describe((PluginManifest Manifest, RunPlan Plan) loaded) =>
        $"{loaded.Manifest.Name} {loaded.Manifest.Version} (api {loaded.Manifest.ApiVersion}), {loaded.Manifest.Parameters.Count} parameters; {ValidateCommand.Describe(loaded.Plan)}";

    /// <summary>Loads and fully validates a plugin folder; prints every error and returns null on failure.</summary>
    /// <remarks><paramref name="rename"/> replaces a path prefix in the printed positions (a temporary folder by the archive's name).</remarks>
    public static (PluginManifest Manifest, RunPlan Plan)? Load(string directory, IReadOnlyDictionary<string, string> parameters, (string From, string To)? rename = null)
    {
        if (!Directory.Exists(directory))
        {
            Console.Error.WriteLine($"{directory}: error: no such plugin folder");
            return null;
        }

        var result = PluginLoader.Load(directory, parameters, out PluginManifest? manifest).Validated();
        var errors = new List<PlanError>(result.Errors);

        if (errors.Count == 0 && manifest is not null && result.Plan is not null)
        {
            return (manifest, result.Plan);
        }

        foreach (PlanError error in errors)
        {
            PlanError shown = error;
            if (rename is { } r && error.Location.File.StartsWith(r.From, StringComparison.Ordinal))
            {
                shown = new PlanError(error.Location with { File = r.To + error.Location.File[r.From.Length..] }, error.Message.Replace(r.From, r.To, StringComparison.Ordinal));
            }

            Console.Error.WriteLine(shown.ToString());
        }

        Console.Error.WriteLine($"{rename?.To ?? directory}: {errors.Count} error(s)");
        return null;
    }
}
