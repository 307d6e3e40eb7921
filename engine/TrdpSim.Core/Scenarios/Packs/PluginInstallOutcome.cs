namespace TrdpSim.Scenarios.Packs;

/// <summary>What an install did.</summary>
internal enum PluginInstallOutcome
{
    /// <summary>The plugin was not there and is now installed.</summary>
    Installed,

    /// <summary>Another version (or changed files) was replaced, with <c>--force</c>.</summary>
    Replaced,

    /// <summary>Exactly these files were already installed; nothing was written.</summary>
    AlreadyInstalled,
}
