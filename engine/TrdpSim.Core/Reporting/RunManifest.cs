using TrdpSim.Plan;

namespace TrdpSim.Reporting;

/// <summary>What makes a run's figures a record: when it ran, which build with which seed, parameters and input
/// files (content hashes), on which host, how long it was asked to run and how long it ran, and why it stopped.</summary>
/// <remarks>Written into the summary JSON as <c>manifest</c> (<see cref="RunManifestJson"/>); kept apart from the
/// figures so a run store can keep and compare manifests on their own.</remarks>
internal sealed record RunManifest
{
    /// <summary>When the devices started playing (UTC).</summary>
    public required DateTime StartedAt { get; init; }

    /// <summary>When the run ended (UTC).</summary>
    public required DateTime StoppedAt { get; init; }

    public required RunStopReason StopReason { get; init; }

    /// <summary>The duration asked for (<c>--duration</c> or the plan's); <c>null</c> = until stopped.</summary>
    public TimeSpan? DurationRequested { get; init; }

    /// <summary>How long the run played.</summary>
    public required TimeSpan DurationActual { get; init; }

    public required ulong Seed { get; init; }

    public string Version { get; init; } = BuildInfo.Version;

    public string Commit { get; init; } = BuildInfo.Commit;

    /// <summary>The command line's arguments after the program name.</summary>
    public IReadOnlyList<string> CommandLine { get; init; } = [];

    /// <summary>The value every scenario parameter took (empty for a plain configuration).</summary>
    public IReadOnlyList<ParameterValue> Parameters { get; init; } = [];

    /// <summary>The plan's files with their content hashes.</summary>
    public IReadOnlyList<InputFile> Inputs { get; init; } = [];

    public required HostDescription Host { get; init; }
}
