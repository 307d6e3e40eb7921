using TrdpSim.Scheduling;

namespace TrdpSim.Telemetry;

/// <summary>Every statistic of one run: telegram groups, receive rejects and engine health.</summary>
/// <remarks>Built once at set-up (groups are added before the run starts and never removed), then
/// written by hot paths and read by the progress line, the summary and the Prometheus exporter.</remarks>
public sealed class RunTelemetry
{
    private readonly List<TelegramGroup> _groups = [];
    private readonly List<MdGroup> _mdGroups = [];
    private readonly List<TcpEndpointStats> _tcpEndpoints = [];
    private readonly List<FaultTelemetry> _faults = [];
    private readonly List<DutStatisticsSeries> _dutStatistics = [];
    private readonly List<RedundancyFigures> _redundancy = [];
    private readonly Lock _faultsLock = new();
    private readonly Lock _udpSocketsLock = new();
    private DeviceUdpSocket[] _udpSockets = new DeviceUdpSocket[16];
    private int _udpSocketCount;

    /// <summary>Creates the telemetry of a run.</summary>
    /// <param name="runName">Shown in reports.</param>
    /// <param name="stalls">Where the engine's threads record their stalls (default: a monitor with the default threshold).</param>
    /// <param name="threads">How the engine's threads run on the host (default: nothing asked for).</param>
    public RunTelemetry(string runName, StallMonitor? stalls = null, EngineThreads? threads = null)
    {
        RunName = runName;
        Stalls = stalls ?? new StallMonitor();
        Threads = threads ?? EngineThreads.Default;
    }

    public string RunName { get; }

    public IReadOnlyList<TelegramGroup> Groups => _groups;

    public RejectCounters Rejects { get; } = new();

    /// <summary>MD callers and repliers.</summary>
    public IReadOnlyList<MdGroup> MdGroups => _mdGroups;

    /// <summary>MD frames dropped between a receive thread and the wheel (inbox full or frame too big).</summary>
    public long MdInboxDrops;

    /// <summary>MD frames that matched no session or listener and were dropped (unknown session id, stray 'Mc').</summary>
    public long MdUnmatched;

    /// <summary>Of <see cref="MdUnmatched"/>, the replies ('Mp'/'Mq'/'Me') whose session id no caller of the receiving
    /// device issued (trdp-wire.md §8.7: dropped silently). Replies to a session that ended are the caller's
    /// <see cref="MdCounters.LateRepliesReceived"/>.</summary>
    public long MdUnmatchedReplies;

    /// <summary>Send lateness of every publication together (also recorded per group).</summary>
    public LatencyRecorder SendLateness { get; } = new();

    /// <summary>Wake-up lateness of the timing-wheel thread (actual − target tick time).</summary>
    public LatencyRecorder WheelLateness { get; } = new();

    /// <summary>Stalls of the engine's own threads (wheel, receive loops, scripts).</summary>
    public StallMonitor Stalls { get; }

    /// <summary>Real-time class, affinity and memory locking of the engine's threads, and what was refused.</summary>
    public EngineThreads Threads { get; }

    /// <summary>Whether effects inside the engine's own stalls count against the device in threshold verdicts
    /// (and so in the per-telegram latency figures); default false: they are kept apart (set-up only).</summary>
    public bool StallsInVerdicts { get; set; }

    /// <summary>Subscription jitter samples whose interval overlapped a stall of the wheel or a PD receive
    /// thread: the engine's doing, not the publisher's (left out of the per-telegram jitter unless
    /// <see cref="StallsInVerdicts"/>).</summary>
    public LatencyRecorder StallJitter { get; } = new();

    /// <summary>MD round trips that overlapped a stall of the engine's threads (left out of the caller's
    /// round-trip figures unless <see cref="StallsInVerdicts"/>).</summary>
    public LatencyRecorder StallRoundTrips { get; } = new(significantDigits: 3);

    /// <summary>CPU time when the run started (set by the host), for the run's CPU figures.</summary>
    public CpuSample? StartCpu { get; set; }

    /// <summary>Datagrams received by all receive loops, valid or not.</summary>
    public long DatagramsReceived;

    /// <summary>Errors inside timer callbacks or receive loops that were caught and survived.</summary>
    public long EngineErrors;

    /// <summary>Statistics pulls (ComId 31) answered by virtual devices.</summary>
    public long StatisticsReplies;

    /// <summary>Statistics replies the socket refused.</summary>
    public long StatisticsReplyFailures;

    /// <summary>Statistics pulls ignored because their sequence counter repeated (or was older than) the last one
    /// from the same source, as TCNopen does.</summary>
    public long StatisticsDuplicates;

    /// <summary>Telegrams sent by every group so far (readers).</summary>
    public long TotalSent()
    {
        long sent = 0;
        foreach (var group in _groups)
        {
            sent += group.Totals().Sent;
        }

        return sent;
    }

    /// <summary>Records a fault for the summary and <c>/metrics</c> (wheel thread, at injection); it stays
    /// listed after it is repaired, so its strikes are still reported.</summary>
    public void AddFault(FaultTelemetry fault)
    {
        lock (_faultsLock)
        {
            _faults.Add(fault);
        }
    }

    /// <summary>Every fault injected so far, in injection order (readers; a copy).</summary>
    public FaultTelemetry[] Faults()
    {
        lock (_faultsLock)
        {
            return [.. _faults];
        }
    }

    /// <summary>Registers a device's UDP socket (set-up, or at runtime for a socket a fault opens).</summary>
    public void AddUdpSocket(DeviceUdpSocket socket)
    {
        lock (_udpSocketsLock)
        {
            if (_udpSocketCount == _udpSockets.Length)
            {
                var grown = new DeviceUdpSocket[_udpSockets.Length * 2];
                Array.Copy(_udpSockets, grown, _udpSocketCount);
                Volatile.Write(ref _udpSockets, grown);
            }

            _udpSockets[_udpSocketCount] = socket;
            Volatile.Write(ref _udpSocketCount, _udpSocketCount + 1);
        }
    }

    /// <summary>Every UDP socket of the run's devices so far (readers on any thread; no copy, no lock).</summary>
    /// <remarks>The count is published after its array: an array read after the count holds at least that
    /// many sockets, because a grown array is a copy with every earlier socket.</remarks>
    public ArraySegment<DeviceUdpSocket> UdpSockets()
    {
        var count = Volatile.Read(ref _udpSocketCount);
        return new ArraySegment<DeviceUdpSocket>(Volatile.Read(ref _udpSockets), 0, count);
    }

    /// <summary>Send calls of every device socket refused by a pending ICMP error, each sent again
    /// (<see cref="Transport.UdpEndpointStats.IcmpRefused"/>): information, not failures.</summary>
    public long IcmpRefused()
    {
        long total = 0;
        foreach (var socket in UdpSockets())
        {
            total += socket.Stats.IcmpRefused;
        }

        return total;
    }

    /// <summary>The TCP MD servers and client pools of the run's devices.</summary>
    public IReadOnlyList<TcpEndpointStats> TcpEndpoints => _tcpEndpoints;

    public void AddTcpEndpoint(TcpEndpointStats endpoint) => _tcpEndpoints.Add(endpoint);

    public MdGroup AddMdGroup(MdGroup group)
    {
        _mdGroups.Add(group);
        return group;
    }

    /// <summary>The statistics (ComId 31) the run's devices poll from devices under test.</summary>
    public IReadOnlyList<DutStatisticsSeries> DutStatistics => _dutStatistics;

    /// <summary>The run's redundancy groups, as their sender side sees them (empty when the plan has none).</summary>
    internal IReadOnlyList<RedundancyFigures> Redundancy => _redundancy;

    /// <summary>Registers a redundancy group's figures (set-up only).</summary>
    internal RedundancyFigures AddRedundancy(uint id, string leader, long takeoverAfterNanoseconds)
    {
        var figures = new RedundancyFigures(id, leader, takeoverAfterNanoseconds);
        _redundancy.Add(figures);
        return figures;
    }

    /// <summary>Registers a statistics poll's series (set-up only).</summary>
    public DutStatisticsSeries AddDutStatistics(string device, string poll, string target)
    {
        var series = new DutStatisticsSeries(device, poll, target);
        _dutStatistics.Add(series);
        return series;
    }

    public TelegramGroup AddGroup(string device, string name, TelegramRole role, uint firstComId)
    {
        var group = new TelegramGroup(device, name, role, firstComId);
        _groups.Add(group);
        return group;
    }
}
