using TrdpSim.Plan;

namespace TrdpSim.Scenarios.Packs;

/// <summary>The outcome of reading a <c>plugin.toml</c>: the manifest, or every error found (sorted by position).</summary>
internal sealed class PluginManifestResult
{
    public PluginManifestResult(PluginManifest? manifest, IReadOnlyList<PlanError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        Manifest = errors.Count == 0 ? manifest : null;
        Errors = errors;
    }

    /// <summary>The manifest, or null when there were errors.</summary>
    public PluginManifest? Manifest { get; }

    public IReadOnlyList<PlanError> Errors { get; }
}
