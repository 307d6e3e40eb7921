using TrdpSim.Plan;
using TrdpSim.Protocol;
using TrdpSim.Protocol.Statistics;
using TrdpSim.Telemetry;

namespace TrdpSim.Devices;

/// <summary>
/// What one virtual device reports in its statistics telegram (ComId 31, trdp-wire.md §7.8): its identity, the
/// run's defaults and its own PD and MD counters, read when a pull arrives.
/// </summary>
/// <remarks>
/// Counted as TCNopen counts them: the statistics telegram itself is one subscription and one publication
/// (<c>numSubs</c>, <c>numPub</c>); <c>numRcv</c> is every frame that passed the frame checks on the device's PD
/// sockets. Not reported (zero): the allocator block (trdpsim has no TCNopen block allocator), leader name and
/// address, redundancy groups, and the MD frame-error counters (MD rejects are counted run-wide only, in
/// <c>trdpsim_rx_rejected_total</c>). Reading walks the run's telegram and MD groups: fine for a pull now and
/// then, not meant for every cycle.
/// </remarks>
internal sealed class DeviceStatistics
{
    /// <summary>The stack version reported: trdpsim's own assembly version, a byte per part.</summary>
    public static readonly uint StackVersion = PackVersion(typeof(DeviceStatistics).Assembly.GetName().Version);

    private readonly DevicePlan _device;
    private readonly NetworkPlan _network;
    private readonly RunTelemetry _telemetry;
    private readonly uint _processCycleMicros;
    private readonly uint _groupsJoined;
    private readonly HashSet<string> _tcpCallers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _tcpRepliers = new(StringComparer.Ordinal);
    private long _startNanoseconds = -1;

    public DeviceStatistics(DevicePlan device, NetworkPlan network, RunTelemetry telemetry, uint groupsJoined)
    {
        _device = device;
        _network = network;
        _telemetry = telemetry;
        _groupsJoined = groupsJoined;
        _processCycleMicros = (uint)(network.WheelTick.Ticks / 10);
        foreach (var caller in device.MdCallers)
        {
            if (caller.Protocol == MdProtocol.Tcp)
            {
                _tcpCallers.Add(caller.Name);
            }
        }

        foreach (var replier in device.MdRepliers)
        {
            if (replier.Protocol == MdProtocol.Tcp)
            {
                _tcpRepliers.Add(replier.Name);
            }
        }
    }

    /// <summary>The device's statistics replies, which count in its <c>pd.numSend</c> as every PD frame it sends does
    /// (set-up only; null until the responder exists).</summary>
    internal StatisticsResponder.ReplyCounter? Replies { get; set; }

    /// <summary>The device's PD sockets whose frame counts are reported (set-up only).</summary>
    public List<PdDispatcher> Dispatchers { get; } = [];

    /// <summary>Marks the start of the device: <c>upTime</c> counts from here.</summary>
    public void Start(long nowNanoseconds)
    {
        if (_startNanoseconds < 0)
        {
            _startNanoseconds = nowNanoseconds;
        }
    }

    /// <summary>Fills <paramref name="statistics"/> with the device's figures at <paramref name="nowNanoseconds"/>.</summary>
    public void Fill(TrdpStatistics statistics, long nowNanoseconds)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        var seconds = _startNanoseconds < 0 ? 0u : (uint)Math.Max(0, (nowNanoseconds - _startNanoseconds) / 1_000_000_000);
        statistics.Version = StackVersion;
        statistics.TimeStamp = 0; // TCNopen leaves it unset too
        statistics.UpTime = seconds;
        statistics.StatisticTime = seconds;
        statistics.HostName = _device.Name;
        statistics.LeaderName = string.Empty;
        statistics.OwnIpAddress = _device.Address;
        statistics.LeaderIpAddress = 0;
        statistics.ProcessPriority = 0;
        statistics.ProcessCycleMicros = _processCycleMicros;
        statistics.NumJoin = _groupsJoined;
        statistics.NumRed = 0;
        FillPd(statistics.Pd);
        FillMd(statistics.UdpMd, tcp: false);
        FillMd(statistics.TcpMd, tcp: true);
    }

    private void FillPd(PdStatistics pd)
    {
        pd.DefaultQos = _network.PdQos;
        pd.DefaultTtl = _network.PdTtl;
        pd.DefaultTimeoutMicros = Micros(_network.DefaultPdTimeout);
        long subscriptions = 1, publications = 1, sent = 0, timeouts = 0, missed = 0, topo = 0;
        foreach (var group in _telemetry.Groups)
        {
            if (group.Device != _device.Name)
            {
                continue;
            }

            var totals = group.Totals();
            switch (group.Role)
            {
                case TelegramRole.Publish:
                    publications += group.InstanceCount;
                    sent += totals.Sent + totals.PullRequests;
                    break;
                case TelegramRole.Subscribe:
                    subscriptions += group.InstanceCount;
                    timeouts += totals.Timeouts;
                    missed += totals.Lost;
                    topo += totals.TopoRejects;
                    break;
                default:
                    sent += totals.PullRequests;
                    break;
            }
        }

        long valid = 0, crc = 0, protocol = 0, noSubscription = 0, noPublication = 0;
        foreach (var dispatcher in Dispatchers)
        {
            valid += dispatcher.ValidFrames;
            crc += dispatcher.Rejected(RejectReason.BadFcs);
            protocol += dispatcher.Rejected(RejectReason.TooShort) + dispatcher.Rejected(RejectReason.TooLong)
                + dispatcher.Rejected(RejectReason.BadVersion) + dispatcher.Rejected(RejectReason.WrongMessageType)
                + dispatcher.Rejected(RejectReason.DatasetTooLong) + dispatcher.Rejected(RejectReason.DatasetTruncated);
            topo += dispatcher.Rejected(RejectReason.TopoMismatch);
            noSubscription += dispatcher.Rejected(RejectReason.NoSubscription);
            noPublication += dispatcher.Rejected(RejectReason.NoPublication);
        }

        pd.NumSubs = (uint)subscriptions;
        pd.NumPub = (uint)publications;
        pd.NumRcv = (uint)valid;
        pd.NumCrcErr = (uint)crc;
        pd.NumProtErr = (uint)protocol;
        pd.NumTopoErr = (uint)topo;
        pd.NumNoSubs = (uint)noSubscription;
        pd.NumNoPub = (uint)noPublication;
        pd.NumTimeout = (uint)timeouts;
        pd.NumSend = (uint)(sent + (Replies?.Sent ?? 0));
        pd.NumMissed = (uint)missed;
    }

    private void FillMd(MdStatistics md, bool tcp)
    {
        md.DefaultQos = _network.MdQos;
        md.DefaultTtl = _network.MdTtl;
        md.DefaultReplyTimeoutMicros = Micros(_network.MdReplyTimeout);
        md.DefaultConfirmTimeoutMicros = Micros(TimeSpan.FromSeconds(1)); // TCNopen's default; trdpsim sets it per replier
        long listeners = 0, received = 0, noListener = 0, replyTimeouts = 0, confirmTimeouts = 0, sent = 0;
        foreach (var group in _telemetry.MdGroups)
        {
            if (group.Device != _device.Name)
            {
                continue;
            }

            var c = group.Counters;
            if (group.Role == MdRole.Caller)
            {
                if (_tcpCallers.Contains(group.Name) != tcp)
                {
                    continue;
                }

                received += Volatile.Read(ref c.Ok) + Volatile.Read(ref c.NotAllReplies);
                replyTimeouts += Volatile.Read(ref c.Timeouts);
                sent += Volatile.Read(ref c.Calls) + Volatile.Read(ref c.Retries) + Volatile.Read(ref c.ConfirmsSent);
            }
            else if (group.ComId == 0)
            {
                // The device's "(no listener)" group: requests nobody listened for (answered with 'Me' -3 over UDP).
                if (!tcp)
                {
                    noListener += Volatile.Read(ref c.ErrorsSent);
                    sent += Volatile.Read(ref c.ErrorsSent);
                }
            }
            else
            {
                if (_tcpRepliers.Contains(group.Name) != tcp)
                {
                    continue;
                }

                listeners++;
                received += Volatile.Read(ref c.Requests) + Volatile.Read(ref c.Notifications) + Volatile.Read(ref c.ConfirmsReceived);
                confirmTimeouts += Volatile.Read(ref c.ConfirmTimeouts);
                sent += Volatile.Read(ref c.Replies) + Volatile.Read(ref c.ErrorsSent);
            }
        }

        md.NumList = (uint)listeners;
        md.NumRcv = (uint)received;
        md.NumCrcErr = 0;
        md.NumProtErr = 0;
        md.NumTopoErr = 0;
        md.NumNoListener = (uint)noListener;
        md.NumReplyTimeout = (uint)replyTimeouts;
        md.NumConfirmTimeout = (uint)confirmTimeouts;
        md.NumSend = (uint)sent;
    }

    private static uint Micros(TimeSpan value) => (uint)Math.Min(uint.MaxValue, value.Ticks / 10);

    private static uint PackVersion(Version? version) => version is null ? 0
        : ((uint)(byte)version.Major << 24) | ((uint)(byte)version.Minor << 16) | ((uint)(byte)Math.Max(0, version.Build) << 8)
          | (byte)Math.Max(0, version.Revision);
}
