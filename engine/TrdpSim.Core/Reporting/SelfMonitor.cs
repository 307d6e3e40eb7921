using Microsoft.Extensions.Logging;
using TrdpSim.Events;
using TrdpSim.Scheduling;
using TrdpSim.Telemetry;

namespace TrdpSim.Reporting;

/// <summary>Tells when trdpsim itself is the bottleneck, the way load tools warn about an overloaded load
/// generator: then lateness, loss and timeouts say more about this host than about the device under test.</summary>
/// <remarks>
/// <para>Four conditions, checked once per <see cref="LiveTelemetryOptions.CheckInterval"/> on the sampler's
/// thread: send lateness p99 over the last interval above a share of the run's shortest cycle; process CPU above
/// a share of the cores the process may use (<see cref="Environment.ProcessorCount"/> follows affinity and
/// container limits); datagrams the kernel dropped from full receive buffers (<see cref="UdpReceiveDrops"/>);
/// cycles the wheel had to skip (<see cref="TelegramCounters.DroppedCycles"/>).</para>
/// <para>Each condition warns at most once per <see cref="LiveTelemetryOptions.WarningInterval"/>: a log
/// warning and an <c>overload</c> event on <c>anomalies</c>. <see cref="Warnings"/> counts them.</para>
/// </remarks>
public sealed partial class SelfMonitor
{
    private static readonly string[] Names = ["send_lateness", "cpu", "receive_drops", "dropped_cycles"];

    private readonly RunTelemetry _telemetry;
    private readonly RunEventBus? _events;
    private readonly ILogger _logger;
    private readonly LiveTelemetryOptions _options;
    private readonly long _shortestCycle;
    private readonly long[] _lastWarned = new long[Names.Length];
    private readonly long[] _warnings = new long[Names.Length];
    private TimeSpan _lastCpu;
    private long _lastCheck;
    private long? _lastDrops;
    private long _lastDroppedCycles;

    /// <param name="telemetry">The run's figures.</param>
    /// <param name="events">Where overload events go (null: only the log).</param>
    /// <param name="logger">Where warnings go.</param>
    /// <param name="options">Shares and intervals.</param>
    /// <param name="shortestCycleNanoseconds">The run's shortest publication cycle (0: no lateness check).</param>
    public SelfMonitor(RunTelemetry telemetry, RunEventBus? events, ILogger logger, LiveTelemetryOptions options, long shortestCycleNanoseconds)
    {
        _telemetry = telemetry;
        _events = events;
        _logger = logger;
        _options = options;
        _shortestCycle = shortestCycleNanoseconds;
    }

    /// <summary>The conditions, by index: <c>send_lateness</c>, <c>cpu</c>, <c>receive_drops</c>, <c>dropped_cycles</c>.</summary>
    public static IReadOnlyList<string> Conditions => Names;

    /// <summary>Warnings given so far for condition <paramref name="index"/> (see <see cref="Conditions"/>).</summary>
    public long Warnings(int index) => Interlocked.Read(ref _warnings[index]);

    /// <summary>Takes the figures now and warns about what is over its limit (sampler thread).</summary>
    public void Check(long nowNanoseconds)
    {
        var lateness = _telemetry.SendLateness.TakeWindow();
        var cpu = Environment.CpuUsage.TotalTime;
        double cpuShare = 0;
        if (_lastCheck != 0 && nowNanoseconds > _lastCheck)
        {
            cpuShare = (double)(cpu - _lastCpu).ToNanoseconds() / (nowNanoseconds - _lastCheck) / Environment.ProcessorCount;
        }

        var drops = UdpReceiveDrops.Read();
        long droppedCycles = 0;
        var groups = _telemetry.Groups;
        for (var g = 0; g < groups.Count; g++) // indexed: foreach over the interface would box an enumerator every second
        {
            droppedCycles += groups[g].DroppedCycles();
        }

        var first = _lastCheck == 0;
        Evaluate(nowNanoseconds, lateness, first ? 0 : cpuShare,
            drops is { } d && _lastDrops is { } before ? d - before : 0,
            first ? 0 : droppedCycles - _lastDroppedCycles);
        _lastCheck = nowNanoseconds;
        _lastCpu = cpu;
        _lastDrops = drops;
        _lastDroppedCycles = droppedCycles;
    }

    /// <summary>The decisions of <see cref="Check"/> on given figures (tests).</summary>
    internal void Evaluate(long now, LatencySnapshot lateness, double cpuShare, long newDrops, long newDroppedCycles)
    {
        var seconds = _options.CheckInterval.TotalSeconds;
        if (_shortestCycle > 0 && lateness.Count > 0 && lateness.P99 > _options.LatenessShareOfCycle * _shortestCycle)
        {
            Warn(0, now, lateness.P99 / 1e9,
                $"send lateness p99 {lateness.P99 / 1e3:0} µs over the last {seconds:0.#} s is above {_options.LatenessShareOfCycle:0.##} of the shortest cycle ({_shortestCycle / 1e3:0} µs)");
        }

        if (cpuShare > _options.CpuShare)
        {
            Warn(1, now, cpuShare,
                $"process CPU {cpuShare:P0} of the {Environment.ProcessorCount} core(s) it may use, above {_options.CpuShare:P0}");
        }

        if (newDrops > 0)
        {
            Warn(2, now, newDrops, $"the kernel dropped {newDrops} datagram(s) from full receive buffers in the last {seconds:0.#} s (a segmented run read whole counts once)");
        }

        if (newDroppedCycles > 0)
        {
            Warn(3, now, newDroppedCycles, $"{newDroppedCycles} cycle(s) skipped because sending fell more than a cycle behind in the last {seconds:0.#} s");
        }
    }

    private void Warn(int condition, long now, double value, string detail)
    {
        if (_lastWarned[condition] != 0 && now - _lastWarned[condition] < _options.WarningInterval.ToNanoseconds())
        {
            return;
        }

        _lastWarned[condition] = now;
        Interlocked.Increment(ref _warnings[condition]);
        var text = detail + ": trdpsim itself may be the bottleneck, so lateness, loss and timeouts may not be the device's";
        Overloaded(_logger, Names[condition], text);
        _events?.Post(new RunEvent(RunEventKind.Overload, now, Subject: Names[condition], Value: value, Text: text));
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Warning, Message = "generator overloaded ({Condition}): {Detail}")]
    private static partial void Overloaded(ILogger logger, string condition, string detail);
}
