using TrdpSim.Scheduling;

namespace TrdpSim.Reporting;

/// <summary>Pace and limits of the live telemetry sampler and of trdpsim's self-monitoring.</summary>
public sealed class LiveTelemetryOptions
{
    /// <summary>How often samples are taken and reject bursts summarised. Default 100 ms.</summary>
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The sampler thread's niceness (Linux): it yields the CPU to the timing wheel at once. Default
    /// <see cref="BackgroundPriority.DefaultNice"/>; 0 leaves it as inherited.</summary>
    public int SamplerNice { get; set; } = BackgroundPriority.DefaultNice;

    /// <summary>How often a telegram's percentiles are recomputed for its samples (a pass over its histogram;
    /// counters and rates are fresh in every sample). Default 1 s.</summary>
    public TimeSpan PercentileInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often fault strikes are summarised into <c>fault.strikes</c> events, and how often the
    /// self-monitor checks. Default 1 s.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The least time between two warnings of the same overload condition. Default 30 s.</summary>
    public TimeSpan WarningInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Send lateness p99 (over the last check interval) above this share of the run's shortest cycle
    /// means the generator is overloaded. Default 0.5.</summary>
    public double LatenessShareOfCycle { get; set; } = 0.5;

    /// <summary>Process CPU above this share of the cores the process may use means the generator is
    /// overloaded. Default 0.9.</summary>
    public double CpuShare { get; set; } = 0.9;
}
