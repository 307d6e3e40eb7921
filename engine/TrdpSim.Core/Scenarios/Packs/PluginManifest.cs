namespace TrdpSim.Scenarios.Packs;

/// <summary>A plugin's <c>plugin.toml</c>, read and checked by <see cref="PluginManifestReader"/>.</summary>
/// <remarks>A manifest object only exists when the file had no errors: its name is valid kebab-case and
/// matches the folder, the version is semver, the API version is supported and the entry file exists.</remarks>
internal sealed class PluginManifest
{
    /// <summary>The manifest's file name inside a plugin folder.</summary>
    public const string FileName = "plugin.toml";

    /// <summary>The entry used when the manifest names none.</summary>
    public const string DefaultEntry = "scenario.js";

    /// <summary>Lowercase kebab-case name; equals the plugin folder's name.</summary>
    public required string Name { get; init; }

    /// <summary>Semantic version of the plugin (not of the engine).</summary>
    public required string Version { get; init; }

    /// <summary>Scenario API version the plugin is written for (see <see cref="PluginApiVersions"/>).</summary>
    public required int ApiVersion { get; init; }

    /// <summary>One line saying what the scenario tests.</summary>
    public required string Description { get; init; }

    /// <summary>The scenario file, relative to the plugin folder with <c>/</c> separators.</summary>
    public required string Entry { get; init; }

    public IReadOnlyList<string> Authors { get; init; } = [];

    /// <summary>SPDX identifier or free text; empty when not given.</summary>
    public string License { get; init; } = string.Empty;

    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The declared parameters in manifest order.</summary>
    public IReadOnlyList<PluginParameter> Parameters { get; init; } = [];

    /// <summary>The manifest file as it was named when read (used in error positions).</summary>
    public required string Path { get; init; }

    /// <summary>Finds a parameter by name; null when the manifest does not declare it.</summary>
    public PluginParameter? FindParameter(string name)
    {
        foreach (PluginParameter parameter in Parameters)
        {
            if (parameter.Name == name)
            {
                return parameter;
            }
        }

        return null;
    }
}
