using TrdpSim.Composition;
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
public sealed class RunHost : IAsyncDisposable
{
    /// <summary>Frame copies and delay timers made ready when a plan has faults (≈ 1.5 MB), so the
    /// first peaks of delayed or duplicated frames do not allocate.</summary>
    private const int PlannedFaultReserve = 1024;

    private readonly RunPlan _plan;
    private readonly RunHostOptions _options;
    private readonly SendQueue _queue = new();
    private readonly TimingWheel _wheel;
    private readonly WheelDriver _driver;
    private readonly long _tickNanoseconds;
    private readonly long _gridNanoseconds;
    private readonly WaitMode _wait;
    private readonly IWaitStrategy _waitStrategy;
    private bool _started;
    private bool _stopped;

    private RunHost(RunPlan plan, RunHostOptions options, IUdpTransport transport)
    {
        _plan = plan;
        _options = options;
        _tickNanoseconds = Math.Max(plan.Network.WheelTick.Ticks * 100, 10_000);
        var realtime = plan.Engine.Realtime != RealtimePolicy.Off;
        _wait = EngineSetup.EffectiveWait(plan.Network.Wait, realtime);
        _gridNanoseconds = EngineSetup.SendGridNanoseconds(plan.Engine, _wait, _tickNanoseconds);

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
        _driver = new WheelDriver(_wheel, _waitStrategy, _queue,
            new WheelDriverOptions
            {
                WakeLatenessObserver = Run.Telemetry.WheelLateness.Record,
                // Sleep through empty ticks: received MD frames and pull requests, runtime commands and stopping
                // wake the wheel (WheelDriver.Wake), so nothing waits for a tick it would otherwise have polled.
                MaxIdleTicks = EngineSetup.MaxIdleTicks(_wait, WheelBuckets),
                StallProbe = Run.Telemetry.Stalls.CreateProbe(StallSources.Wheel, "wheel"),
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
    }

    /// <summary>Buckets of the run's wheel: 4096 ticks per revolution (0.41 s at the default 100 µs tick).</summary>
    private const int WheelBuckets = 4096;

    /// <summary>The live devices and telegrams.</summary>
    public LiveRun Run { get; }

    public RunTelemetry Telemetry => Run.Telemetry;

    /// <summary>The run's control surface: faults, cycles, silence, fields, pause and the audit hook. Together
    /// with <see cref="Scenarios"/> (stop and reset of scenarios) it is everything a controller of the live
    /// run needs; changes are applied on the wheel thread between ticks.</summary>
    public RunControl RunControl { get; }

    /// <summary>The plan's scenarios at run time (null when the plan has none).</summary>
    public ScenarioHost? Scenarios { get; }

    public PrometheusExporter Exporter { get; }

    /// <summary>The run's recording (<see cref="RunHostOptions.Recording"/>); null when nothing is recorded.</summary>
    public FrameRecorder? Recorder { get; }

    /// <summary>The plan's thresholds, checked every second from <see cref="StartAsync"/> on; the
    /// scenario runtime declares its own failures here too (<see cref="ThresholdMonitor.Fail"/>). Call
    /// <see cref="ThresholdMonitor.Finish"/> after the run for the verdict.</summary>
    public ThresholdMonitor Thresholds { get; }

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
            : new SocketUdpTransport());
        var exposed = LoopbackGuard.Check(plan, datagramsOnTheWire: transport is not InMemoryUdpTransport);
        if (exposed.Count > 0)
        {
            throw new PlanException(exposed);
        }

        return new RunHost(plan, options, transport);
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
        Recorder?.Start(); // before the first frame can pass a seam
        var now = MonotonicClock.NowNanoseconds();
        // Align the run start to the send grid (whole wheel ticks): shaped offsets are whole grid steps, so
        // every intended send time is a tick target the wait can hit, and lateness measures the engine, not
        // the rounding.
        var wanted = now + (_options.StartDelay.Ticks * 100) - _wheel.StartNanoseconds;
        StartNanoseconds = _wheel.StartNanoseconds + ((wanted + _gridNanoseconds - 1) / _gridNanoseconds * _gridNanoseconds);
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
        _driver.Start();
        Thresholds.Start();
        return Task.CompletedTask;
    }

    /// <summary>Runs <paramref name="change"/> on the wheel thread before its next tick.</summary>
    /// <remarks>Unaudited and unanswered: changes a controller makes go through <see cref="RunControl"/>.</remarks>
    /// <returns>False when the command queue is full or the wheel has stopped (the change is not made).</returns>
    public bool Post(Action<LiveRun> change) => _driver.Post(new DelegateCommand(Run, change));

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
        foreach (var device in Run.Devices)
        {
            device.Dispose();
        }

        Recorder?.Stop(); // after the last send and receive: writes what is left and closes the file
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _driver.Dispose();
        Scenarios?.Dispose();
        Thresholds.Dispose();
    }

    /// <summary>Which wait ran, on what grid, and what it cost: for the summary.</summary>
    public EngineSummary DescribeEngine()
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

        return new EngineSummary(WaitName(_wait), WaitName(requested), _tickNanoseconds, _gridNanoseconds,
            efficient?.WindowNanoseconds, efficient is { } e && _plan.Engine.SpinWindow is null, efficient?.SpunNanoseconds,
            efficient?.Budget?.DeniedNanoseconds, threads.RequestedWheel.Describe(), threads.Wheel.Describe(), threads.RealtimeThreads,
            threads.Receive.Describe(), threads.MemoryLocked, messages, _driver.Stats.Ticks, _driver.Stats.EarlyWakes);
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
