namespace TrdpSim.Scenarios.Packs;

/// <summary>One plugin folder found by <see cref="PluginDirectory.List"/>.</summary>
/// <param name="Folder">The folder name.</param>
/// <param name="Path">The folder's path.</param>
/// <param name="Manifest">The manifest, or null when it has errors.</param>
/// <param name="Problem">The first manifest error (<c>file:line:col: error: …</c>), or null.</param>
internal sealed record InstalledPlugin(string Folder, string Path, PluginManifest? Manifest, string? Problem);
