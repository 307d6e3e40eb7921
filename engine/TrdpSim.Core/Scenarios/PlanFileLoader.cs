using TrdpSim.Configuration;
using TrdpSim.Plan;
using TrdpSim.Scenarios.Packs;

namespace TrdpSim.Scenarios;

/// <summary>Picks the loader for a plan file by its extension: <c>.toml</c> → <see cref="TomlPlanLoader"/>,
/// <c>.js</c>/<c>.mjs</c> → <see cref="ScenarioLoader"/>, a folder → <see cref="PluginLoader"/> (a plugin with a
/// <c>plugin.toml</c>). The one dispatch used by <c>run</c> and <c>validate</c>.</summary>
public static class PlanFileLoader
{
    /// <summary>Loads <paramref name="path"/>; <paramref name="parameters"/> (<c>--param</c>) only apply to scenarios.</summary>
    public static PlanLoadResult LoadFile(string path, IReadOnlyDictionary<string, string> parameters)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(parameters);
        if (Directory.Exists(path))
        {
            return PluginLoader.Load(path, parameters);
        }

        string extension = Path.GetExtension(path);
        if (extension.Equals(".js", StringComparison.OrdinalIgnoreCase) || extension.Equals(".mjs", StringComparison.OrdinalIgnoreCase))
        {
            return ScenarioLoader.LoadFile(path, parameters);
        }

        if (!extension.Equals(".toml", StringComparison.OrdinalIgnoreCase))
        {
            return new PlanLoadResult(null, [new PlanError(new SourceLocation(path, 0, 0), "unknown file type: use a .toml configuration, a .js/.mjs scenario or a plugin folder")]);
        }

        if (parameters.Count > 0)
        {
            return new PlanLoadResult(null, [new PlanError(new SourceLocation(path, 0, 0), "--param only applies to .js scenarios")]);
        }

        return TomlPlanLoader.LoadFile(path);
    }
}
