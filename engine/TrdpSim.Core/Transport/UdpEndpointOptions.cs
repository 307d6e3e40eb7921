namespace TrdpSim.Transport;

/// <summary>How <see cref="IUdpTransport.Open"/> configures a UDP endpoint (trdp-wire.md §1).</summary>
/// <remarks>
/// Read once by <c>Open</c>; changing an instance afterwards does not affect endpoints already opened.
/// Defaults follow TCNopen: TTL 64 (also used as multicast TTL), multicast loop-back on, 4 MiB socket
/// buffers, <c>SO_REUSEADDR</c> on a fixed port. Unlike TCNopen, <c>SO_REUSEPORT</c> is off by default: it is
/// what lets a second process bind a device's exact address and port and take half of its unicast
/// datagrams (<see cref="ReusePort"/>).
/// </remarks>
internal sealed class UdpEndpointOptions
{
    /// <summary>Local address to bind, host order. Default 0 (0.0.0.0, any). Multicast receivers must bind
    /// 0.0.0.0 on Linux: binding an interface address blocks multicast reception.</summary>
    public uint BindAddress { get; set; }

    /// <summary>Local port. Default 0: the OS (or the in-memory network, from 40000 upward) picks one;
    /// read it back from <see cref="IUdpEndpoint.LocalEndpoint"/>.</summary>
    public ushort Port { get; set; }

    /// <summary>TRDP QoS 0–7. Default 0: IP TOS and SO_PRIORITY are left untouched. Otherwise
    /// TOS = qos &lt;&lt; 5 (PD qos 5 → 0xA0, MD qos 3 → 0x60) and SO_PRIORITY = qos.</summary>
    public byte Qos { get; set; }

    /// <summary>IP TTL, also used as multicast TTL. Default 64.</summary>
    public byte Ttl { get; set; } = 64;

    /// <summary>Multicast groups (host order) joined when the endpoint opens. Default: none.</summary>
    public IReadOnlyList<uint> MulticastGroups { get; set; } = [];

    /// <summary>Deliver our own multicast datagrams to local members too. Default true (TCNopen default).</summary>
    public bool MulticastLoopback { get; set; } = true;

    /// <summary>Interface (its IPv4 address, host order) for outgoing multicast and for group joins.
    /// Default 0: use <see cref="BindAddress"/>; if that is 0 too, the kernel chooses by route.</summary>
    public uint MulticastInterface { get; set; }

    /// <summary>SO_RCVBUF request. Default 4 MiB; Linux caps it at <c>net.core.rmem_max</c> and doubles it.
    /// 0 leaves the OS default (≈208 KiB), which overflows within a millisecond at 100k pps.</summary>
    public int ReceiveBufferBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>SO_SNDBUF request. Default 4 MiB; 0 leaves the OS default.</summary>
    public int SendBufferBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Set SO_REUSEADDR on a fixed <see cref="Port"/>, so sockets bound to the wildcard address on the
    /// same port (other devices' multicast sockets, another TRDP stack) can bind before or after this one.
    /// Default true. On Linux it also lets another SO_REUSEADDR socket bind exactly the same address and
    /// port, so a device's own address needs <see cref="ExclusiveBind"/> too. Ignored for port 0: there it
    /// would let the kernel hand out a port another SO_REUSEADDR socket on the address already holds.</summary>
    public bool ReuseAddress { get; set; } = true;

    /// <summary>Set SO_REUSEPORT on a fixed <see cref="Port"/> (Linux; with <see cref="ReuseAddress"/>). Default
    /// false. Sockets of one user with SO_REUSEPORT on the same address form a group among which the kernel
    /// balances unicast datagrams; only wildcard-bound multicast sockets use it, to stay in the group of a
    /// wildcard-bound stack beside them as before. Ignored for port 0.</summary>
    public bool ReusePort { get; set; }

    /// <summary>Refuse (<see cref="SocketSetupException"/>, EADDRINUSE) when another socket on this host, of any
    /// process, is bound to exactly <see cref="BindAddress"/>:<see cref="Port"/>; a socket bound to the wildcard
    /// address on that port is not in the way. For a device's own receive sockets, which two stacks must not
    /// share. Checked in <c>/proc/net/udp</c> right after binding (Linux; elsewhere not checked). Ignored for
    /// the wildcard address and port 0. Default false.</summary>
    public bool ExclusiveBind { get; set; }

    /// <summary>On a socket bound to a loopback address (Linux 5.0+ socket transport), take a run of datagrams that a
    /// sender on this host segmented (UDP_SEGMENT) whole, as the one message it travelled as (UDP_GRO), and cut it into
    /// its datagrams in user space: the kernel's receive work is then per run, not per datagram. Receivers see the same
    /// datagrams, sources and arrival stamps either way. Off for other addresses, where a network card's coalescing
    /// would give datagrams that arrived microseconds apart one arrival stamp. Default true.</summary>
    public bool ReceiveWhole { get; set; } = true;

    /// <summary>Peer to <c>connect()</c> to after binding (Linux socket transport only; ignored elsewhere).
    /// Datagrams to that peer then leave without a per-datagram address, so the kernel reuses the
    /// cached route: ≈ 15 % more packets per second (../shared/tools/perf/RESULTS.md). Datagrams to other
    /// destinations still work. A connected socket only receives from its peer, so use it for sending.
    /// Default none.</summary>
    public Ip4Endpoint? ConnectTo { get; set; }

    /// <summary>The interface used for multicast: <see cref="MulticastInterface"/>, else <see cref="BindAddress"/>.</summary>
    internal uint EffectiveMulticastInterface => MulticastInterface != 0 ? MulticastInterface : BindAddress;
}
