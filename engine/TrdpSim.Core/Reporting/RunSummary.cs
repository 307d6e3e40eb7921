using TrdpSim.Protocol;
using TrdpSim.Recording;
using TrdpSim.Scheduling;
using TrdpSim.Telemetry;

namespace TrdpSim.Reporting;

/// <summary>The end-of-run (or current) figures of a run, per configured telegram and in total.</summary>
public sealed record RunSummary
{
    /// <summary>Only <see cref="Capture"/> makes a summary (and <see cref="WithProcess"/> copies one).</summary>
    private RunSummary()
    {
    }

    public string RunName { get; private init; } = string.Empty;

    public TimeSpan Elapsed { get; private init; }

    internal IReadOnlyList<SummaryRow> Rows { get; private init; } = [];

    /// <summary>MD callers and repliers.</summary>
    internal IReadOnlyList<MdSummaryRow> MdRows { get; init; } = [];

    /// <summary>Every fault injected during the run, with its strikes.</summary>
    internal IReadOnlyList<FaultSummaryRow> FaultRows { get; init; } = [];

    /// <summary>MD over TCP per device and side (empty when no device uses TCP).</summary>
    internal IReadOnlyList<TcpSummaryRow> TcpRows { get; init; } = [];

    /// <summary>Send calls of every device socket refused by a pending ICMP error and sent again: information,
    /// not failures (<see cref="Transport.UdpEndpointStats.IcmpRefused"/>).</summary>
    public long IcmpRefused { get; init; }

    /// <summary>The device sockets whose sends met an ICMP error or failed (empty in a clean run).</summary>
    internal IReadOnlyList<UdpSocketRow> UdpRows { get; init; } = [];

    /// <summary>Statistics polled from devices under test (empty when the plan polls none).</summary>
    internal IReadOnlyList<DutStatisticsRow> DutStatistics { get; init; } = [];

    /// <summary>Redundancy groups: leader, switchovers by cause, the gap on the wire (empty when the plan has none).</summary>
    internal IReadOnlyList<RedundancyRow> Redundancy { get; init; } = [];

    /// <summary>Counters summed over every group.</summary>
    internal TelegramCounters Totals { get; private init; } = new();

    /// <summary>Receive rejects indexed by <see cref="RejectReason"/>.</summary>
    public IReadOnlyList<long> Rejects { get; private init; } = [];

    public long DatagramsReceived { get; private init; }

    public long EngineErrors { get; private init; }

    /// <summary>Statistics pulls (ComId 31) the devices answered, whose reply the socket refused, and ignored
    /// as repeats of the same source's last sequence counter.</summary>
    internal StatisticsPullCounts StatisticsPulls { get; init; }

    /// <summary>MD replies ('Mp'/'Mq'/'Me') whose session id no caller of the receiving device issued, dropped
    /// (<see cref="RunTelemetry.MdUnmatchedReplies"/>); late replies to an ended session are their caller's.</summary>
    internal long MdUnmatchedReplies { get; init; }

    /// <summary>Send lateness over all publications, merged.</summary>
    internal LatencySnapshot SendLateness { get; private init; }

    internal LatencySnapshot WheelLateness { get; private init; }

    /// <summary>Process figures at the end of the warm-up (start of the steady window), if marked.</summary>
    internal ProcessSample? SteadyStart { get; init; }

    /// <summary>Telegrams sent when the steady window began (for per-telegram allocation figures).</summary>
    public long SentAtSteadyStart { get; init; }

    /// <summary>The thresholds' verdict, when the run had a threshold monitor.</summary>
    internal Thresholds.ThresholdReport? Thresholds { get; set; }

    /// <summary>The scenarios' outcome (null when the plan has none).</summary>
    internal ScenarioSummary? Scenarios { get; set; }

    /// <summary>The run's recording (files, frames, drops); null when nothing was recorded.</summary>
    internal RecordingSummary? Recording { get; set; }

    /// <summary>What ran, where and how it ended (set by the command line when the run is over).</summary>
    internal RunManifest? Manifest { get; set; }

    /// <summary>Process figures when the summary was captured.</summary>
    internal ProcessSample End { get; init; } = ProcessSample.Take();

    /// <summary>CPU time when the run started (null when the host did not take it).</summary>
    internal CpuSample? RunStartCpu { get; init; }

    /// <summary>CPU used over the whole run, start to <see cref="End"/> (null without both samples).</summary>
    internal CpuUsage? RunCpu => RunStartCpu is { } start && End.Cpu is { } end ? CpuUsage.Between(start, end) : null;

    /// <summary>CPU used over the steady window (null without a steady window).</summary>
    internal CpuUsage? SteadyCpu => SteadyStart?.Cpu is { } start && End.Cpu is { } end ? CpuUsage.Between(start, end) : null;

    /// <summary>How the engine ran (wait, grid, real-time); set by whoever ran the host.</summary>
    internal EngineSummary? Engine { get; set; }

    /// <summary>Stalls of trdpsim's own threads.</summary>
    internal StallTotals? Stalls { get; init; }

    /// <summary>Timeouts, losses and samples that fell inside trdpsim's own stalls.</summary>
    internal SelfInflictedSummary SelfInflicted { get; init; } = SelfInflictedSummary.None;

    /// <summary>A copy with the steady-window and end process figures set (its own lists of rows and rejects).</summary>
    internal RunSummary WithProcess(ProcessSample? steadyStart, long sentAtSteadyStart, ProcessSample end) =>
        this with { Rows = [.. Rows], Rejects = [.. Rejects], SteadyStart = steadyStart, SentAtSteadyStart = sentAtSteadyStart, End = end };

    /// <summary>Reads the current state of <paramref name="telemetry"/>.</summary>
    internal static RunSummary Capture(RunTelemetry telemetry, TimeSpan elapsed)
    {
        var rows = new List<SummaryRow>(telemetry.Groups.Count);
        var totals = new TelegramCounters();
        foreach (var group in telemetry.Groups)
        {
            var counters = group.Totals();
            totals.Accumulate(counters);
            var latency = group.Role == TelegramRole.Subscribe ? group.Jitter.Refresh() : group.Lateness.Refresh();
            rows.Add(new SummaryRow(group.Device, group.Name, group.Role, group.FirstComId, group.InstanceCount, counters, latency)
            {
                SwitchoverGap = counters.Switchovers > 0 ? group.SwitchoverGap.Refresh() : null,
                Paths = PathRow.Capture(group.Paths),
            });
        }

        var rejects = new long[RejectReasons.Count];
        for (var r = 0; r < rejects.Length; r++)
        {
            rejects[r] = telemetry.Rejects.Get((RejectReason)r);
        }

        var mdRows = new List<MdSummaryRow>(telemetry.MdGroups.Count);
        foreach (var group in telemetry.MdGroups)
        {
            var counters = new MdCounters();
            counters.Accumulate(group.Counters);
            mdRows.Add(new MdSummaryRow(group, counters, group.Latency.Refresh()));
        }

        var faultRows = new List<FaultSummaryRow>();
        foreach (var fault in telemetry.Faults())
        {
            faultRows.Add(new FaultSummaryRow(fault.Name, fault.KindName, fault.TargetText, fault.TargetCount,
                Volatile.Read(ref fault.Strikes), fault.Attached));
        }

        var tcpRows = new List<TcpSummaryRow>(telemetry.TcpEndpoints.Count);
        foreach (var endpoint in telemetry.TcpEndpoints)
        {
            tcpRows.Add(TcpSummaryRow.Capture(endpoint));
        }

        long icmpRefused = 0;
        var udpRows = new List<UdpSocketRow>();
        foreach (var socket in telemetry.UdpSockets())
        {
            var stats = socket.Stats;
            var refused = stats.IcmpRefused;
            var errors = stats.SendErrors;
            icmpRefused += refused;
            if (refused > 0 || errors > 0)
            {
                udpRows.Add(new UdpSocketRow(socket, refused, errors, stats.LastSendError));
            }
        }

        var mdTotals = new MdCounters();
        foreach (var row in mdRows)
        {
            mdTotals.Accumulate(row.Counters);
        }

        var selfInflicted = new SelfInflictedSummary(totals.SelfTimeouts, totals.SelfLost, mdTotals.SelfTimeouts,
            telemetry.StallJitter.Refresh(), telemetry.StallRoundTrips.Refresh(), telemetry.StallsInVerdicts);
        return new RunSummary
        {
            RunName = telemetry.RunName,
            Elapsed = elapsed,
            Rows = rows,
            Totals = totals,
            Rejects = rejects,
            DatagramsReceived = Volatile.Read(ref telemetry.DatagramsReceived),
            EngineErrors = Volatile.Read(ref telemetry.EngineErrors),
            SendLateness = telemetry.SendLateness.Refresh(),
            WheelLateness = telemetry.WheelLateness.Refresh(),
            MdRows = mdRows,
            FaultRows = faultRows,
            TcpRows = tcpRows,
            DutStatistics = DutStatisticsRow.Capture(telemetry),
            Redundancy = RedundancyRow.Capture(telemetry),
            StatisticsPulls = new StatisticsPullCounts(Volatile.Read(ref telemetry.StatisticsReplies),
                Volatile.Read(ref telemetry.StatisticsReplyFailures), Volatile.Read(ref telemetry.StatisticsDuplicates)),
            IcmpRefused = icmpRefused,
            MdUnmatchedReplies = Volatile.Read(ref telemetry.MdUnmatchedReplies),
            UdpRows = udpRows,
            RunStartCpu = telemetry.StartCpu,
            Stalls = telemetry.Stalls.Totals(),
            SelfInflicted = selfInflicted,
        };
    }
}

/// <summary>What fell inside trdpsim's own stalls: subscription timeouts, telegrams the kernel dropped at a receive
/// socket whose reader lagged, MD timeouts, and the jitter and round-trip samples a stall overlapped.</summary>
/// <param name="PdTimeouts">Subscription timeouts whose deadline fell inside a stall of the wheel or a PD receive thread.</param>
/// <param name="PdLost">Lost telegrams the kernel dropped at a receive socket because its reader fell behind.</param>
/// <param name="MdTimeouts">MD caller timeouts whose deadline fell inside a stall of the wheel, an MD receive thread or the scripts.</param>
/// <param name="Jitter">Jitter samples whose interval overlapped a stall.</param>
/// <param name="RoundTrips">MD round trips that overlapped a stall.</param>
/// <param name="InVerdicts">Whether they also count against the device in threshold verdicts and per-telegram figures.</param>
internal sealed record SelfInflictedSummary(long PdTimeouts, long PdLost, long MdTimeouts, LatencySnapshot Jitter, LatencySnapshot RoundTrips, bool InVerdicts)
{
    /// <summary>Nothing self-inflicted.</summary>
    public static SelfInflictedSummary None { get; } = new(0, 0, 0, default, default, false);

    /// <summary>Whether anything fell inside a stall.</summary>
    public bool Any => PdTimeouts + PdLost + MdTimeouts + Jitter.Count + RoundTrips.Count > 0;
}

/// <summary>One configured telegram's figures. <see cref="Latency"/> is send lateness (publish),
/// inter-arrival jitter (subscribe) or round-trip time (pull), in nanoseconds.</summary>
internal sealed record SummaryRow(string Device, string Name, TelegramRole Role, uint ComId, int Instances, TelegramCounters Counters, LatencySnapshot Latency)
{
    /// <summary>Subscriptions with a redundant pair of sources: the switchover gaps (empty otherwise).</summary>
    public LatencySnapshot? SwitchoverGap { get; init; }

    /// <summary>Subscriptions of a multi-homed source: one row per path (empty otherwise).</summary>
    public IReadOnlyList<PathRow> Paths { get; init; } = [];
}

/// <summary>One path of a multi-homed source as its subscriber saw it.</summary>
/// <param name="Name">The source's interface (a, b, …).</param>
/// <param name="Received">Telegrams over this path (first arrivals and redundant copies).</param>
/// <param name="Lost">Counters this path skipped.</param>
/// <param name="Redundant">Copies another path had delivered first.</param>
/// <param name="Down">Times the path fell silent for the timeout.</param>
/// <param name="IsDown">Whether it is silent now.</param>
/// <param name="LastSeenNanoseconds">Monotonic time of its last telegram (0 = never).</param>
internal sealed record PathRow(string Name, long Received, long Lost, long Redundant, long Down, bool IsDown, long LastSeenNanoseconds)
{
    public static IReadOnlyList<PathRow> Capture(PathFigures[]? paths)
    {
        if (paths is null)
        {
            return [];
        }

        return Array.ConvertAll(paths, p => new PathRow(p.Name, Volatile.Read(ref p.Received), Volatile.Read(ref p.Lost), Volatile.Read(ref p.Redundant),
            Volatile.Read(ref p.Down), Volatile.Read(ref p.IsDown) > 0, Volatile.Read(ref p.LastSeenNanoseconds)));
    }
}

/// <summary>One MD caller's or replier's figures. <see cref="Latency"/> is the round-trip time from the
/// intended send time (caller) or the measured reply delay (replier), in nanoseconds.</summary>
internal sealed record MdSummaryRow(MdGroup Group, MdCounters Counters, LatencySnapshot Latency)
{
    /// <summary>The configured delay at a probability (replier), or null.</summary>
    public double? Configured(double p) => Group.ConfiguredQuantile?.Invoke(p);
}

/// <summary>One injected fault: its kind label (kebab-case), target, number of telegrams/callers/repliers
/// it was attached to, frames (or sessions, or cycles) it changed, and whether it is still attached.</summary>
internal sealed record FaultSummaryRow(string Name, string Kind, string Target, int Targets, long Strikes, bool Attached);

/// <summary>Statistics pulls (ComId 31) over every device: answered, reply refused by the socket, ignored as a
/// repeated (or older) sequence counter from the same source.</summary>
internal readonly record struct StatisticsPullCounts(long Answered, long SendFailures, long Duplicates);
