using TrdpSim.Plan;

namespace TrdpSim.Hosting.Daemon;

/// <summary>How many runs the daemon keeps and how they are built.</summary>
public sealed class RunRegistryOptions
{
    /// <summary>Runs live at once (created, running or paused); one more is refused. Default 8.</summary>
    public int MaxLiveRuns { get; init; } = 8;

    /// <summary>Ended runs kept with their final summary, the newest first. Default 32.</summary>
    public int MaxFinishedRuns { get; init; } = 32;

    /// <summary>How long an ended run is kept. Default one hour.</summary>
    public TimeSpan FinishedRetention { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Where installed plugins are found by name; null = the default (<c>$TRDPSIM_PLUGINS</c> …).</summary>
    public string? PluginDirectory { get; init; }

    /// <summary>Host options for a plan (tests put runs on an in-memory network of their own); null = defaults.</summary>
    public Func<RunPlan, RunHostOptions>? HostOptions { get; init; }

    /// <summary>Where the daemon says what its runs do (start, end, scenario messages). Default standard error.</summary>
    public TextWriter? Log { get; init; }

    /// <summary>The run store every run is recorded into, as <c>trdpsim run</c> records itself; null = runs are not recorded.</summary>
    internal Records.RunStore? Store { get; init; }

    /// <summary>The length of the run store's statistics intervals. Default 10 s.</summary>
    public TimeSpan StoreInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Wall clock and timers (tests may drive them). Default the system's.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
