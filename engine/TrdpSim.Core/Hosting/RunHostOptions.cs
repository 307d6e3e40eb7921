using TrdpSim.Recording;
using TrdpSim.Transport;

namespace TrdpSim.Hosting;

/// <summary>How a <see cref="RunHost"/> is wired; defaults suit the command line.</summary>
public sealed class RunHostOptions
{
    /// <summary>Datagram transport; <c>null</c> picks from the plan (<c>network.transport</c>).</summary>
    public IUdpTransport? Transport { get; set; }

    /// <summary>Delay between start-up and the first tick, so every socket is open and warm. Default 20 ms.</summary>
    public TimeSpan StartDelay { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Where scenario messages (phases, <c>run.log</c>, errors) are written. Default: standard error.</summary>
    public TextWriter? ScenarioLog { get; set; }

    /// <summary>Record the run's telegrams into pcapng files; null (the default) records nothing.</summary>
    public RecordingOptions? Recording { get; set; }

    /// <summary>Events the scenario queue holds before it drops (hooks, timeline). Default 16 384.</summary>
    public int ScenarioQueueCapacity { get; set; } = Scenarios.Runtime.ScenarioWorker.DefaultCapacity;
}
