using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TrdpSim.Composition;
using TrdpSim.Events;
using TrdpSim.Pipeline;
using TrdpSim.Plan;
using TrdpSim.Recording;
using TrdpSim.Plan.Addresses;
using TrdpSim.Reporting;
using TrdpSim.Scenarios.Runtime;
using TrdpSim.Scheduling;
using TrdpSim.Telemetry;
using TrdpSim.Thresholds;
using TrdpSim.Transport;

namespace TrdpSim.Hosting;

/// <summary>The embeddable composition root: builds every part for a plan, starts it and stops it in order.</summary>
/// <remarks>
/// The command line, the tests and the benchmarks all run the engine through this class. Start order:
/// sockets and receive loops, then the timing wheel (first tick after <see cref="RunHostOptions.StartDelay"/>),
/// then the threshold checks. Stop order is the reverse, with the wheel stopped first so that no telegram is
/// sent into a closed socket. Serving <c>/metrics</c> is the caller's choice (<c>Control.MetricsServer</c>
/// over <see cref="Exporter"/>). Runtime changes go through <see cref="RunControl"/> to the wheel thread as
/// commands, so they never race a send.
/// </remarks>
public sealed partial class RunHost : IAsyncDisposable
{
    /// <summary>Frame copies and delay timers made ready when a plan has faults (≈ 1.5 MB), so the
    /// first peaks of delayed or duplicated frames do not allocate.</summary>
    private const int PlannedFaultReserve = 1024;

    private readonly RunPlan _plan;
    private readonly RunHostOptions _options;
    private readonly SendQueue _queue = new();
    private readonly TimingWheel _wheel;
    private readonly WheelDriver _driver;
    private readonly StallProbe _wheelProbe;
    private readonly long _tickNanoseconds;
    private readonly ILogger _logger;
    private readonly long _gridNanoseconds;
    private readonly WaitMode _wait;
    private readonly IWaitStrategy _waitStrategy;
    private readonly UdpSegmentation _segmentation;
    private readonly PacketCaptureWatch? _captures;
    private long _capturedReadsAtStart;
    private bool _started;
    private bool _stopped;

    private RunHost(RunPlan plan, RunHostOptions options, IUdpTransport transport)
    {
        _plan = plan;
        _options = options;
        _tickNanoseconds = Math.Max(plan.Network.WheelTick.ToNanoseconds(), 10_000);
        var realtime = plan.Engine.Realtime != RealtimePolicy.Off;
        _wait = EngineSetup.EffectiveWait(plan.Network.Wait, realtime);
        _gridNanoseconds = EngineSetup.SendGridNanoseconds(plan.Engine, _wait, _tickNanoseconds);
        _segmentation = (transport as SocketUdpTransport)?.Segmentation ?? UdpSegmentation.Off;
        _captures = (transport as SocketUdpTransport)?.Captures;

        // The recorder opens its first file before any socket, so a bad path fails before the run.
        Recorder = options.Recording is { } recording ? new FrameRecorder(recording) : null;
        try
        {
            Run = RunBuilder.Build(plan, transport, _queue, _gridNanoseconds, Recorder);
        }
        catch
        {
            Recorder?.Dispose();
            throw;
        }

        Exporter = new PrometheusExporter(Run.Telemetry);
        Thresholds = new ThresholdMonitor(plan.Thresholds, Run.Telemetry);
        ThresholdMetrics.Register(Exporter.Registry, Thresholds);
        if (Recorder is not null)
        {
            RecorderMetrics.Register(Exporter.Registry, Recorder);
        }

        _wheel = new TimingWheel(_tickNanoseconds, WheelBuckets, MonotonicClock.NowNanoseconds());
        Run.Faults.Wheel = _wheel;
        foreach (var station in Run.MdStations)
        {
            station.Wheel = _wheel;
        }

        _waitStrategy = EngineSetup.WaitStrategy(_wait, plan.Engine, realtime);
        var threads = Run.Telemetry.Threads;
        _wheelProbe = Run.Telemetry.Stalls.CreateProbe(StallSources.Wheel, "wheel");
        _driver = new WheelDriver(_wheel, _waitStrategy, _queue,
            new WheelDriverOptions
            {
                WakeLatenessObserver = Run.Telemetry.WheelLateness.Record,
                // Sleep through empty ticks: received MD frames and pull requests, runtime commands and stopping
                // wake the wheel (WheelDriver.Wake), so nothing waits for a tick it would otherwise have polled.
                MaxIdleTicks = EngineSetup.MaxIdleTicks(_wait, WheelBuckets),
                StallProbe = _wheelProbe,
                OnThreadStart = threads.EnterWheelThread,
            });
        Run.WheelInbox.Posted = _driver.Wake;
        RunControl = new RunControl(plan, Run, _driver.Post);
        if (plan.Scenarios.Count > 0)
        {
            Scenarios = new ScenarioHost(plan, RunControl, Post, options.ScenarioLog ?? Console.Error, options.ScenarioQueueCapacity)
            {
                // run.fail() is a verdict like a failed threshold: one report, one exit code.
                FailureSink = Thresholds.Fail,
            };
        }

        _logger = options.LoggerFactory?.CreateLogger("trdpsim") ?? NullLogger.Instance;
        if (options.LiveEvents)
        {
            Events = new RunEventBus(options.EventBus);
            AttachEvents(Events);
            Live = new LiveTelemetry(Run.Telemetry, Events, options.LiveTelemetry, _logger, ShortestCycle(Run))
            {
                FullCollections = plan.Engine.FullCollectionEvery is { } every
                    ? new ScheduledFullCollection(every, _logger) { RunOn = collect => Post(_ => collect()) }
                    : null,
            };
        }
    }

    /// <summary>The run's event bus: faults, control actions, phases, timeouts, gaps, threshold verdicts, ingested
    /// events and live samples, for streams and the run store (null when <see cref="RunHostOptions.LiveEvents"/> is off).</summary>
    public RunEventBus? Events { get; }

    /// <summary>The live sampler and self-monitor (null without <see cref="Events"/>).</summary>
    public LiveTelemetry? Live { get; }
    /// <summary>Buckets of the run's wheel: 4096 ticks per revolution (0.41 s at the default 100 µs tick).</summary>
    private const int WheelBuckets = 4096;

    /// <summary>The live devices and telegrams.</summary>
    internal LiveRun Run { get; }

    internal RunTelemetry Telemetry => Run.Telemetry;

    /// <summary>The run's control surface: faults, cycles, silence, fields, pause and the audit hook. Together
    /// with <see cref="Scenarios"/> (stop and reset of scenarios) it is everything a controller of the live
    /// run needs; changes are applied on the wheel thread between ticks.</summary>
    public RunControl RunControl { get; }

    /// <summary>The plan's scenarios at run time (null when the plan has none).</summary>
    internal ScenarioHost? Scenarios { get; }

    internal PrometheusExporter Exporter { get; }

    /// <summary>The run's recording (<see cref="RunHostOptions.Recording"/>); null when nothing is recorded.</summary>
    internal FrameRecorder? Recorder { get; }

    /// <summary>The plan's thresholds, checked every second from <see cref="StartAsync"/> on; the
    /// scenario runtime declares its own failures here too (<see cref="ThresholdMonitor.Fail"/>). Call
    /// <see cref="ThresholdMonitor.Finish"/> after the run for the verdict.</summary>
    internal ThresholdMonitor Thresholds { get; }

    /// <summary>Monotonic time of the first tick (nanoseconds).</summary>
    public long StartNanoseconds { get; private set; }

    /// <summary>Validates and builds a host; throws <see cref="PlanException"/> for an invalid plan, and for
    /// one that would send outside the loopback range without <see cref="NetworkPlan.AllowNetwork"/>.</summary>
    /// <remarks>Rewrites the plan's addresses through its address map first (a no-op when the caller has
    /// already done so). The loopback check is the last word before any socket opens, whoever builds the run.</remarks>
    public static RunHost Create(RunPlan plan, RunHostOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        options ??= new RunHostOptions();
        var mapping = AddressMapper.Apply(plan);
        if (mapping.Count > 0)
        {
            throw new PlanException(mapping);
        }

        var transport = options.Transport ?? (plan.Network.Transport == TransportKind.InMemory
            ? new InMemoryUdpTransport()
            : new SocketUdpTransport(EngineSetup.Segmentation(plan.Engine.SegmentSends)));
        var exposed = LoopbackGuard.Check(plan, datagramsOnTheWire: transport is not InMemoryUdpTransport);
        if (exposed.Count > 0)
        {
            throw new PlanException(exposed);
        }

        var host = new RunHost(plan, options, transport);
        if (options.SettleHeapAtStart)
        {
            host.SettleHeap(); // built, not started: the pause is outside the run's duration and timing
        }

        return host;
    }

    /// <summary>Starts receive loops, the wheel and the threshold checks.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_stopped, this);
        if (_started)
        {
            return Task.CompletedTask;
        }

        _started = true;
        Run.Telemetry.Threads.LockMemory();
        Run.Telemetry.StartCpu = CpuSample.Take();
        _capturedReadsAtStart = _captures?.CapturedReads ?? 0;
        Recorder?.Start(); // before the first frame can pass a seam
        var now = MonotonicClock.NowNanoseconds();
        // Align the run start to the send grid (whole wheel ticks): shaped offsets are whole grid steps, so
        // every intended send time is a tick target the wait can hit, and lateness measures the engine, not
        // the rounding.
        var wanted = now + (_options.StartDelay.ToNanoseconds()) - _wheel.StartNanoseconds;
        StartNanoseconds = _wheel.StartNanoseconds + ((wanted + _gridNanoseconds - 1) / _gridNanoseconds * _gridNanoseconds);
        // The wheel is due at the run's start: set-up that keeps it from its first tick past then (a loaded host,
        // a slow thread start) is trdpsim's own stall, and the first timeouts it causes are not the device's.
        _wheelProbe.Due(StartNanoseconds);
        foreach (var device in Run.Devices)
        {
            device.Start(now);
        }

        // The driver thread is not running yet, so scheduling directly is safe (single owner).
        foreach (var start in Run.Starts)
        {
            _wheel.Schedule(start.Telegram, StartNanoseconds + start.OffsetNanoseconds);
        }

        foreach (var station in Run.MdStations)
        {
            foreach (var caller in station.Callers)
            {
                _wheel.Schedule(caller, StartNanoseconds);
            }
        }

        // Plan faults start relative to the run start; still the single owner of the wheel here.
        if (_plan.Faults.Count > 0)
        {
            Run.Faults.Reserve(PlannedFaultReserve);
        }

        foreach (var fault in _plan.Faults)
        {
            Run.Faults.Inject(fault, StartNanoseconds);
        }

        Scenarios?.Start(_wheel, StartNanoseconds);
        if (Events is { } events)
        {
            events.RunStartNanoseconds = StartNanoseconds;
            events.Post(new RunEvent(RunEventKind.RunStarted, StartNanoseconds, Subject: _plan.Name));
            events.Start();
        }

        _driver.Start();
        Thresholds.Start();
        Live?.Start();
        Started(_logger, _plan.Name, Run.Devices.Count, Run.Starts.Count, _tickNanoseconds / 1000);
        if (SummaryTable.ReceiveBufferWarning(DescribeReceiveBuffers()) is { } smallBuffers)
        {
            ReceiveBuffersCapped(_logger, smallBuffers);
        }
        return Task.CompletedTask;
    }

    /// <summary>Moves what the set-up built into the oldest generation before the run starts
    /// (<see cref="RunHostOptions.SettleHeapAtStart"/>), compacting it while no frame is due.</summary>
    private void SettleHeap()
    {
        var pausedBefore = GC.GetTotalPauseDuration();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        double pauseMilliseconds = (GC.GetTotalPauseDuration() - pausedBefore).TotalMilliseconds;
        double keptMegabytes = GC.GetGCMemoryInfo().HeapSizeBytes / (1024.0 * 1024.0);
        HeapSettled(_logger, pauseMilliseconds, keptMegabytes);
    }

    /// <summary>Runs <paramref name="change"/> on the wheel thread before its next tick.</summary>
    /// <remarks>Unaudited and unanswered: changes a controller makes go through <see cref="RunControl"/>.</remarks>
    /// <returns>False when the command queue is full or the wheel has stopped (the change is not made).</returns>
    internal bool Post(Action<LiveRun> change) => _driver.Post(new DelegateCommand(Run, change));

    /// <summary>Stops everything in reverse order; safe to call more than once.</summary>
    public Task StopAsync()
    {
        if (_stopped)
        {
            return Task.CompletedTask;
        }

        _stopped = true;
        _driver.Stop();
        RunControl.Close(); // calls still waiting for the wheel are answered now
        Thresholds.Stop(); // the final check ends with the traffic
        Live?.Dispose();
        foreach (var device in Run.Devices)
        {
            device.Dispose();
        }

        Recorder?.Stop(); // after the last send and receive: writes what is left and closes the file
        if (Events is { } events)
        {
            // Stays open for streams until the host is disposed: the last events still reach their clients.
            events.Post(new RunEvent(RunEventKind.RunStopped, events.Now(), Subject: _plan.Name));
            events.Flush();
        }

        if (_started)
        {
            var seconds = (MonotonicClock.NowNanoseconds() - StartNanoseconds) / 1e9;
            Stopped(_logger, _plan.Name, seconds);
        }

        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _driver.Dispose();
        Scenarios?.Dispose();
        Thresholds.Dispose();
        Events?.Dispose();
    }

    /// <summary>Points every event hook of the run at <paramref name="events"/> (before the run starts).</summary>
    private void AttachEvents(RunEventBus events)
    {
        Run.Faults.Events = events;
        Thresholds.Events = events;
        RunControl.AddObserver(new ControlEventPoster(events));
        foreach (var group in Run.Redundancy)
        {
            group.Events = events;
        }

        if (Scenarios is { } scenarios)
        {
            scenarios.Events = events;
        }

        foreach (var device in Run.Devices)
        {
            foreach (var subscription in device.Unicast.Subscriptions)
            {
                subscription.Events = events;
            }

            if (device.Multicast is { } multicast)
            {
                foreach (var subscription in multicast.Subscriptions)
                {
                    subscription.Events = events;
                }
            }
        }
    }

    /// <summary>The shortest cycle of the run's publications (0 when none has one): the self-monitor's yardstick.</summary>
    private static long ShortestCycle(LiveRun run)
    {
        var shortest = long.MaxValue;
        foreach (var device in run.Devices)
        {
            foreach (var publication in device.Publications)
            {
                if (publication.CycleNanoseconds > 0)
                {
                    shortest = Math.Min(shortest, publication.CycleNanoseconds);
                }
            }
        }

        return shortest == long.MaxValue ? 0 : shortest;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "engine started for '{Run}': {Devices} devices, {Telegrams} cyclic telegrams, wheel tick {TickMicroseconds} µs")]
    private static partial void Started(ILogger logger, string run, int devices, int telegrams, long tickMicroseconds);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "{Warning}")]
    private static partial void ReceiveBuffersCapped(ILogger logger, string warning);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "engine stopped for '{Run}' after {Seconds:0.0} s")]
    private static partial void Stopped(ILogger logger, string run, double seconds);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "heap settled before the first tick: a full collection of {Milliseconds:0.0} ms, {HeapMegabytes:0.0} MiB kept")]
    private static partial void HeapSettled(ILogger logger, double milliseconds, double heapMegabytes);

    /// <summary>Which wait ran, on what grid, and what it cost: for the summary.</summary>
    internal EngineSummary DescribeEngine()
    {
        var threads = Run.Telemetry.Threads;
        var efficient = _waitStrategy as EfficientWaitStrategy;
        var requested = _plan.Network.Wait;
        var messages = new List<string>(threads.Messages);
        if (requested != _wait)
        {
            messages.Insert(0, $"the {WaitName(requested)} wait spins without bound, which a real-time thread must never do: with real-time scheduling asked for, " +
                "the wheel uses the efficient wait with a bounded spin");
        }

        return new EngineSummary(WaitName(_wait), WaitName(requested), _tickNanoseconds, _gridNanoseconds, threads.ReceiveIntervalNanoseconds,
            efficient?.WindowNanoseconds, efficient is { } e && _plan.Engine.SpinWindow is null, efficient?.SpunNanoseconds,
            efficient?.Budget?.DeniedNanoseconds, threads.RequestedWheel.Describe(), threads.Wheel.Describe(), threads.RealtimeThreads,
            threads.Receive.Describe(), threads.MemoryLocked, messages, _driver.Stats.Ticks, _driver.Stats.EarlyWakes, DescribeSegmentation(),
            DescribeReceiveBuffers());
    }

    /// <summary>The receive buffer asked for, the smallest one a socket got, and how many got less than asked.</summary>
    private ReceiveBufferSummary DescribeReceiveBuffers()
    {
        int smallest = int.MaxValue;
        int sockets = 0;
        int capped = 0;
        foreach (var socket in Run.Telemetry.UdpSockets())
        {
            if (socket.Stats.ReceiveBufferBytes <= 0)
            {
                continue;
            }

            sockets++;
            capped += socket.Stats.ReceiveBufferCapped ? 1 : 0;
            smallest = Math.Min(smallest, socket.Stats.ReceiveBufferGrantedBytes);
        }

        return new ReceiveBufferSummary(_plan.Engine.ReceiveBufferBytes, sockets > 0 ? smallest : 0, sockets, capped);
    }

    /// <summary>The send segmentation asked for, the share of datagrams it carried, whether a capture paused it, and the
    /// share of received datagrams read inside segmented messages taken whole.</summary>
    private SegmentationSummary DescribeSegmentation()
    {
        long sent = 0;
        long segmented = 0;
        long received = 0;
        long whole = 0;
        foreach (var socket in Run.Telemetry.UdpSockets())
        {
            sent += socket.Stats.Sent;
            segmented += socket.Stats.SentSegmented;
            received += socket.Stats.Received;
            whole += socket.Stats.ReceivedWhole;
        }

        string policy = _segmentation switch
        {
            UdpSegmentation.On => "on",
            UdpSegmentation.WhileUncaptured => "auto",
            _ => "off",
        };
        bool captureSeen = _captures is { } watch && watch.CapturedReads > _capturedReadsAtStart;
        return new SegmentationSummary(policy, sent, segmented, captureSeen, received, whole);
    }

    private static string WaitName(WaitMode mode) => mode switch
    {
        WaitMode.Efficient => "efficient",
        WaitMode.Precision => "precision",
        WaitMode.Hybrid => "hybrid (precision)",
        WaitMode.Sleep => "sleep",
        _ => "spin",
    };

    private sealed class DelegateCommand(LiveRun run, Action<LiveRun> change) : IWheelCommand
    {
        public void Execute(TimingWheel wheel) => change(run);
    }
}
