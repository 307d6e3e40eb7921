namespace TrdpSim.Hosting.Daemon;

/// <summary>What a client asks the daemon to run: the same inputs as <c>trdpsim run</c>.</summary>
public sealed record RunSpec
{
    /// <summary>Plan files on the daemon's host (TOML, JavaScript, plugin folders or installed plugin names), played as one run.</summary>
    public required IReadOnlyList<string> Files { get; init; }

    /// <summary>Scenario parameters (<c>--param name=value</c>).</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>How long to run; null = the plan's duration, else until stopped.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>Seed; null = the plan's.</summary>
    public ulong? Seed { get; init; }
}
