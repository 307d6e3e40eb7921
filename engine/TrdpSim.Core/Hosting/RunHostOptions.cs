using Microsoft.Extensions.Logging;
using TrdpSim.Events;
using TrdpSim.Reporting;
using TrdpSim.Recording;
using TrdpSim.Transport;

namespace TrdpSim.Hosting;

/// <summary>How a <see cref="RunHost"/> is wired; defaults suit the command line.</summary>
public sealed class RunHostOptions
{
    /// <summary>Datagram transport; <c>null</c> picks from the plan (<c>network.transport</c>).</summary>
    internal IUdpTransport? Transport { get; set; }

    /// <summary>Delay between start-up and the first tick, so every socket is open and warm. Default 20 ms.</summary>
    public TimeSpan StartDelay { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Where scenario messages (phases, <c>run.log</c>, errors) are written. Default: standard error.</summary>
    public TextWriter? ScenarioLog { get; set; }

    /// <summary>Record the run's telegrams into pcapng files; null (the default) records nothing.</summary>
    internal RecordingOptions? Recording { get; set; }

    /// <summary>Events the scenario queue holds before it drops (hooks, timeline). Default 16 384.</summary>
    public int ScenarioQueueCapacity { get; set; } = Scenarios.Runtime.ScenarioWorker.DefaultCapacity;

    /// <summary>Whether the run has an event bus and live telemetry (streams, run store, self-monitoring).
    /// Default true; without it every event hook stays null.</summary>
    public bool LiveEvents { get; set; } = true;

    /// <summary>Sizes of the event bus (posting ring, history); defaults when null.</summary>
    public RunEventBusOptions? EventBus { get; set; }

    /// <summary>Pace of the live sampler and the self-monitor's limits; defaults when null.</summary>
    public LiveTelemetryOptions? LiveTelemetry { get; set; }

    /// <summary>Whether one full collection runs once the run is built (<see cref="RunHost.Create"/>), before it starts
    /// and its duration counts. Default false (a process that hosts
    /// other work, such as a test run, decides for itself); <c>trdpsim run</c> and <c>serve</c> turn it on.</summary>
    /// <remarks>What the set-up built (plan, devices, buffers, histograms: tens of MB for a 10,000-telegram train)
    /// has never been collected; the run's first collection, whenever traffic on the streams or scripts has
    /// allocated enough, would then be a full one over all of it and pause every thread, the wheel's included,
    /// for tens of milliseconds in the middle of the run. Collected before timing starts, it is in the oldest
    /// generation already and later collections are young ones. The daemon turns it off while another run is
    /// live, whose timing that collection would pause.</remarks>
    public bool SettleHeapAtStart { get; set; }

    /// <summary>Where the engine logs (start, stop, overload warnings); nothing is logged when null.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }
}
