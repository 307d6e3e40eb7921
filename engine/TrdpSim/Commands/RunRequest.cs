namespace TrdpSim.Cli.Commands;

/// <summary>What <c>trdpsim run</c> was asked to do; unset options leave the plan's own settings.</summary>
internal sealed record RunRequest
{
    /// <summary>The plan files as given (plugin names not yet resolved).</summary>
    public required IReadOnlyList<string> Files { get; init; }

    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    public TimeSpan? Duration { get; init; }

    public ulong? Seed { get; init; }

    /// <summary><c>ip:port</c>, or <c>off</c>.</summary>
    public string? Metrics { get; init; }

    public string? SummaryPath { get; init; }

    public TimeSpan? Warmup { get; init; }

    public bool Progress { get; init; } = true;

    /// <summary><c>--data-dir</c>: the run store's folder (null: the default).</summary>
    public string? DataDirectory { get; init; }

    /// <summary><c>--no-store</c>: play without recording into the run store.</summary>
    public bool NoStore { get; init; }

    /// <summary><c>--interval</c>: the run store's statistics interval (null: 10 s).</summary>
    public TimeSpan? Interval { get; init; }

    /// <summary>The arguments as given, for the run manifest.</summary>
    public IReadOnlyList<string> CommandLine { get; init; } = [];
}
