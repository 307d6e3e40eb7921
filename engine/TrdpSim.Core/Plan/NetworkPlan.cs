namespace TrdpSim.Plan;

/// <summary>Session-wide network and timing settings (TCNopen's <c>pd-com-parameter</c> and process settings).</summary>
public sealed class NetworkPlan : PlanEntry
{
    /// <summary>Process-data UDP port. Default 17224.</summary>
    public ushort PdPort { get; set; } = 17224;

    /// <summary>Message-data UDP/TCP port. Default 17225.</summary>
    public ushort MdPort { get; set; } = 17225;

    /// <summary>PD QoS (IP TOS = qos &lt;&lt; 5). Default 5 → TOS 0xA0.</summary>
    public byte PdQos { get; set; } = 5;

    /// <summary>PD TTL, also the multicast TTL. Default 64.</summary>
    public byte PdTtl { get; set; } = 64;

    /// <summary>MD QoS (IP TOS = qos &lt;&lt; 5). Default 3 → TOS 0x60.</summary>
    public byte MdQos { get; set; } = 3;

    /// <summary>MD TTL. Default 64.</summary>
    public byte MdTtl { get; set; } = 64;

    /// <summary>Default MD reply timeout. Default 5 s (TCNopen).</summary>
    public TimeSpan MdReplyTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Most replier sessions per device; beyond it an 'Mr' gets 'Me' -4. Default 1000 (TCNopen).</summary>
    public int MdMaxSessions { get; set; } = 1000;

    /// <summary>TCP MD connections close after this long without traffic. Default 60 s (TCNopen).</summary>
    public TimeSpan MdTcpIdleTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>After a failed TCP MD connect, sends to that destination are refused (counted) for this long,
    /// doubling per further failure up to <see cref="MdTcpMaxReconnectDelay"/>. Default 100 ms; zero retries
    /// on every send.</summary>
    public TimeSpan MdTcpReconnectDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Longest wait between TCP MD connect attempts to one destination. Default 5 s.</summary>
    public TimeSpan MdTcpMaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Default subscription timeout when a subscription sets none. Default 100 ms (TCNopen default).</summary>
    public TimeSpan DefaultPdTimeout { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Spread the start of cyclic publications over their cycle. Default on (TCNopen's XML default).</summary>
    public bool TrafficShaping { get; set; } = true;

    /// <summary>Every device answers statistics pulls ('Pr' on ComId 31) as a TCNopen session does, unless the
    /// plan publishes ComId 31 itself (its own statistics polls do not change that). Default on; off is TCNopen's <c>TRDP_OPTION_NO_PD_STATS</c>.</summary>
    public bool PdStatistics { get; set; } = true;

    /// <summary>Timing-wheel tick. Smaller ticks cut send lateness and cost CPU. Default 100 µs.</summary>
    public TimeSpan WheelTick { get; set; } = TimeSpan.FromTicks(1000);

    /// <summary>How the wheel thread waits for its next deadline. Default <see cref="WaitMode.Efficient"/>.</summary>
    public WaitMode Wait { get; set; } = WaitMode.Efficient;

    /// <summary>Transport: real UDP sockets, or the in-process network (tests, deterministic runs).</summary>
    public TransportKind Transport { get; set; } = TransportKind.Udp;

    /// <summary>Let the run send to, listen on and join groups on addresses outside the loopback range
    /// (<c>[network] allow-network</c>, <c>--allow-network</c>). Default off: such a plan is refused
    /// (<see cref="Addresses.LoopbackGuard"/>) so that no traffic leaves the machine by accident.</summary>
    public bool AllowNetwork { get; set; }

    /// <summary>Whether every setting equals <paramref name="other"/>'s (composing runs from several files).</summary>
    public bool SameAs(NetworkPlan other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return PdPort == other.PdPort && MdPort == other.MdPort && PdQos == other.PdQos && PdTtl == other.PdTtl
            && MdQos == other.MdQos && MdTtl == other.MdTtl && MdReplyTimeout == other.MdReplyTimeout
            && MdMaxSessions == other.MdMaxSessions && MdTcpIdleTimeout == other.MdTcpIdleTimeout
            && MdTcpReconnectDelay == other.MdTcpReconnectDelay && MdTcpMaxReconnectDelay == other.MdTcpMaxReconnectDelay
            && DefaultPdTimeout == other.DefaultPdTimeout && TrafficShaping == other.TrafficShaping && PdStatistics == other.PdStatistics
            && WheelTick == other.WheelTick && Wait == other.Wait && Transport == other.Transport && AllowNetwork == other.AllowNetwork;
    }
}

/// <summary>Wheel wait strategies; see the Scheduling part and bench/RESULTS.md for measurements.</summary>
public enum WaitMode
{
    /// <summary>The default: wake only for ticks that have work, sleep on an absolute clock and spin only a short
    /// measured window before each deadline; first sends on the send grid (1 ms). A few per cent of a core.</summary>
    Efficient,

    /// <summary>Precision: wake every tick, sleep until 200 µs before it, then spin. At the default 100 µs tick
    /// this spins all the time — one core at ~100 % — for µs timing on a host that gives trdpsim a core.</summary>
    Precision,

    /// <summary>The precision wait under its former name (configurations written before the efficient wait).</summary>
    Hybrid,

    /// <summary>Sleep to every tick, never spin: ~65–150 µs typical lateness on this VM.</summary>
    Sleep,

    /// <summary>Spin only: one core busy.</summary>
    Spin,
}

/// <summary>Which datagram transport a run uses.</summary>
public enum TransportKind
{
    /// <summary>Kernel UDP sockets (batched sendmmsg/recvmmsg on Linux).</summary>
    Udp,

    /// <summary>In-process network: no kernel, deterministic; for tests and dry runs.</summary>
    InMemory,
}
