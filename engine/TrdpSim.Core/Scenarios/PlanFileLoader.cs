using TrdpSim.Configuration;
using TrdpSim.DeviceXml;
using TrdpSim.Plan;
using TrdpSim.Scenarios.Packs;

namespace TrdpSim.Scenarios;

/// <summary>Picks the loader for a plan file by its extension: <c>.toml</c> → <see cref="TomlPlanLoader"/>,
/// <c>.js</c>/<c>.mjs</c> → <see cref="ScenarioLoader"/>, <c>.xml</c> → <see cref="XmlPlanLoader"/> (a TCNopen
/// device configuration), a folder → <see cref="PluginLoader"/> (a plugin with a <c>plugin.toml</c>). The one
/// dispatch used by <c>run</c> and <c>validate</c>.</summary>
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

        bool xml = IsDeviceXml(path);
        if (!xml && !extension.Equals(".toml", StringComparison.OrdinalIgnoreCase))
        {
            return new PlanLoadResult(null, [new PlanError(new SourceLocation(path, 0, 0), "unknown file type: use a .toml configuration, a .js/.mjs scenario, a .xml TCNopen device configuration or a plugin folder")]);
        }

        if (parameters.Count > 0)
        {
            return new PlanLoadResult(null, [new PlanError(new SourceLocation(path, 0, 0), "--param only applies to .js scenarios")]);
        }

        if (xml)
        {
            return LoadDeviceXml([path]);
        }

        return TomlPlanLoader.LoadFile(path);
    }

    /// <summary>Whether <paramref name="path"/> names a TCNopen XML device configuration (by its extension).</summary>
    public static bool IsDeviceXml(string path) =>
        !Directory.Exists(path) && Path.GetExtension(path).Equals(".xml", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads TCNopen device configurations as one train (one virtual device per bus interface).</summary>
    public static PlanLoadResult LoadDeviceXml(IReadOnlyList<string> paths)
    {
        XmlPlanResult result = XmlPlanLoader.LoadFiles(paths);
        return new PlanLoadResult(result.Plan, result.Errors, result.Warnings);
    }
}
