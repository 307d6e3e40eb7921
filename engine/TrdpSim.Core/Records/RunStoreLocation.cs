namespace TrdpSim.Records;

/// <summary>Where the run store lives: one SQLite file, <c>runs.db</c>, in a data directory.</summary>
/// <remarks>The directory is, first that is set: <c>--data-dir</c>, <c>$TRDPSIM_DATA_DIR</c>,
/// <c>$XDG_STATE_HOME/trdpsim</c>, <c>~/.local/state/trdpsim</c> (the XDG base-directory rule for state that
/// outlives a run but is no user document).</remarks>
internal static class RunStoreLocation
{
    /// <summary>Overrides the default data directory (tests, containers).</summary>
    public const string EnvironmentVariable = "TRDPSIM_DATA_DIR";

    /// <summary>The database file's name inside the data directory.</summary>
    public const string FileName = "runs.db";

    /// <summary>The data directory for <paramref name="given"/> (<c>--data-dir</c>), else the default; null when
    /// there is none (no HOME and nothing set).</summary>
    public static string? Resolve(string? given)
    {
        if (!string.IsNullOrWhiteSpace(given))
        {
            return Path.GetFullPath(given);
        }

        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment)
        {
            return Path.GetFullPath(fromEnvironment);
        }

        if (Environment.GetEnvironmentVariable("XDG_STATE_HOME") is { Length: > 0 } state && Path.IsPathRooted(state))
        {
            return Path.Combine(state, "trdpsim");
        }

        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".local", "state", "trdpsim");
    }

    /// <summary>How the default is chosen, for help texts.</summary>
    public static string DefaultText => $"${EnvironmentVariable}, else $XDG_STATE_HOME/trdpsim, else ~/.local/state/trdpsim";
}
