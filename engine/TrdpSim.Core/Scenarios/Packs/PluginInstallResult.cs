namespace TrdpSim.Scenarios.Packs;

/// <summary>The outcome of <see cref="PluginInstaller.Install"/>.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Directory">The installed plugin folder.</param>
/// <param name="PreviousVersion">The version that was there before (null when none, or not a valid plugin).</param>
internal sealed record PluginInstallResult(PluginInstallOutcome Outcome, string Directory, string? PreviousVersion);
