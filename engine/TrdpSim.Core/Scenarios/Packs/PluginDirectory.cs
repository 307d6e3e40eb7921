namespace TrdpSim.Scenarios.Packs;

/// <summary>The folder plugins are installed into, and what is in it.</summary>
/// <remarks>The default is <c>$TRDPSIM_PLUGINS</c> when set, else <c>$XDG_DATA_HOME/trdpsim/plugins</c>, i.e.
/// <c>~/.local/share/trdpsim/plugins</c> on a usual Linux account. Any folder of plugin folders can be
/// listed, the repository's <c>plugins/</c> included (<c>trdpsim plugin list --dir plugins</c>).</remarks>
internal static class PluginDirectory
{
    /// <summary>The environment variable that overrides the default plugin directory.</summary>
    public const string EnvironmentVariable = "TRDPSIM_PLUGINS";

    /// <summary>The default plugin directory, or null when neither <c>$TRDPSIM_PLUGINS</c> nor a home folder is known.</summary>
    public static string? Default()
    {
        string? configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        string data = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
        return data.Length == 0 ? null : Path.Combine(data, "trdpsim", "plugins");
    }

    /// <summary>The plugin folders in <paramref name="directory"/> (sub-folders with a <c>plugin.toml</c>;
    /// hidden ones skipped), sorted by folder name. Each comes with its manifest, or the first problem found.</summary>
    public static IReadOnlyList<InstalledPlugin> List(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var plugins = new List<InstalledPlugin>();
        if (!Directory.Exists(directory))
        {
            return plugins;
        }

        var folders = new List<string>(Directory.EnumerateDirectories(directory));
        folders.Sort(StringComparer.Ordinal);
        foreach (string folder in folders)
        {
            string name = Path.GetFileName(folder);
            if (name.StartsWith('.') || !File.Exists(Path.Combine(folder, PluginManifest.FileName)))
            {
                continue;
            }

            PluginManifestResult result = PluginManifestReader.ReadDirectory(folder);
            plugins.Add(new InstalledPlugin(name, folder, result.Manifest, result.Errors.Count > 0 ? result.Errors[0].ToString() : null));
        }

        return plugins;
    }

    /// <summary>Resolves what <c>run</c>/<c>validate</c> were given: an existing file or folder as it is; else a
    /// plugin name installed in the default directory; else the argument unchanged (the caller reports it missing).</summary>
    public static string ResolveRunTarget(string argument)
    {
        ArgumentNullException.ThrowIfNull(argument);
        if (File.Exists(argument) || Directory.Exists(argument) || !PluginNaming.IsValidName(argument) || Default() is not { } directory)
        {
            return argument;
        }

        string folder = Path.Combine(directory, argument);
        return File.Exists(Path.Combine(folder, PluginManifest.FileName)) ? folder : argument;
    }
}
