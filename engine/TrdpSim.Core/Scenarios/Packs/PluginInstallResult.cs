namespace TrdpSim.Scenarios.Packs;

/// <summary>What an install did.</summary>
public enum PluginInstallOutcome
{
    /// <summary>The plugin was not there and is now installed.</summary>
    Installed,

    /// <summary>Another version (or changed files) was replaced, with <c>--force</c>.</summary>
    Replaced,

    /// <summary>Exactly these files were already installed; nothing was written.</summary>
    AlreadyInstalled,
}

/// <summary>The outcome of <see cref="PluginInstaller.Install"/>.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Directory">The installed plugin folder.</param>
/// <param name="PreviousVersion">The version that was there before (null when none, or not a valid plugin).</param>
public sealed record PluginInstallResult(PluginInstallOutcome Outcome, string Directory, string? PreviousVersion);
