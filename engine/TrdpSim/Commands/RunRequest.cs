using Microsoft.Extensions.Logging;
using TrdpSim.Hosting;
using TrdpSim.Recording;
using TrdpSim.Plan;

namespace TrdpSim.Cli.Commands;

/// <summary>What <c>trdpsim run</c> was asked to do; unset options leave the plan's own settings.</summary>
internal sealed record RunRequest
{
    /// <summary>The plan files as given (plugin names not yet resolved).</summary>
    public required IReadOnlyList<string> Files { get; init; }

    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary><c>--address-map</c> rules.</summary>
    public IReadOnlyList<Plan.Addresses.AddressMapRule> AddressMap { get; init; } = [];

    /// <summary><c>--allow-network</c>.</summary>
    public bool AllowNetwork { get; init; }

    public TimeSpan? Duration { get; init; }

    public ulong? Seed { get; init; }

    /// <summary><c>ip:port</c>, or <c>off</c>.</summary>
    public string? Metrics { get; init; }

    public string? SummaryPath { get; init; }

    public TimeSpan? Warmup { get; init; }

    public bool Progress { get; init; } = true;

    public LogFormat LogFormat { get; init; } = LogFormat.Text;

    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary><c>--data-dir</c>: the run store's folder (null: the default).</summary>
    public string? DataDirectory { get; init; }

    /// <summary><c>--no-store</c>: play without recording into the run store.</summary>
    public bool NoStore { get; init; }

    /// <summary><c>--interval</c>: the run store's statistics interval (null: 10 s).</summary>
    public TimeSpan? Interval { get; init; }

    /// <summary>The recording asked for with <c>--record</c>; null records nothing.</summary>
    public RecordingOptions? Recording { get; init; }

    /// <summary>The engine options given (<c>--wait</c>, <c>--realtime</c>, …), applied to the loaded plan; they win over its <c>[engine]</c>.</summary>
    public Action<RunPlan> Engine { get; init; } = _ => { };

    /// <summary>The arguments as given, for the run manifest.</summary>
    public IReadOnlyList<string> CommandLine { get; init; } = [];
}
