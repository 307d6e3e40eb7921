using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using TrdpSim.Scheduling;

namespace TrdpSim.Transport.Internal;

/// <summary>A UDP socket driven directly through libc: <c>sendmmsg</c>/<c>recvmmsg</c> over native
/// msghdr/iovec/sockaddr arrays allocated once, pointing into the callers' pinned arrays.</summary>
/// <remarks>
/// Lifetime: every public call brackets itself with <see cref="Enter"/>/<see cref="Exit"/> (one
/// interlocked pair per batch). <see cref="Dispose"/> marks the endpoint, wakes a blocked receive
/// through an eventfd that the receive poll also watches, and the last call to leave closes the
/// descriptors, so a file descriptor number is never reused under a running system call.
/// </remarks>
internal sealed unsafe partial class LinuxUdpEndpoint : IUdpEndpoint
{
    internal const int BatchSize = 64;

    /// <summary>Datagrams in one UDP_SEGMENT message at most: the kernel's limit before Linux 5.5 (128 since).</summary>
    internal const int MaxSegments = 64;

    /// <summary>A segment larger than an Ethernet frame's UDP payload (1500 − 28) is sent alone: the kernel cannot
    /// fragment a segment, and the route's MTU is not known here.</summary>
    internal const int MaxSegmentBytes = 1472;

    /// <summary>The payload of one UDP_SEGMENT message at most: an IP datagram's 65,535 bytes less the IP and UDP
    /// headers.</summary>
    internal const int MaxSegmentedBytes = 65_507;

    /// <summary>CMSG_SPACE(sizeof(u16)): the control bytes of the UDP_SEGMENT message.</summary>
    private const int SegmentControlBytes = 24;

    private readonly UdpEndpointStats _stats = new();
    private readonly uint _multicastInterface;
    private readonly Ip4Endpoint _requested;
    private Ip4Endpoint _peer;
    private bool _connected;
    private readonly int _fd;
    private readonly int _wakeFd;
    private readonly MMsgScratch* _send;
    private readonly MMsgScratch* _receive;
    private readonly int[] _messageStarts = new int[BatchSize + 1];
    private readonly PacketCaptureWatch? _captures;
    private bool _kernelSegments;
    private bool _segmentAlways;
    private bool _stampsArrivals;
    private long _lastArrival;
    private long _lastRealtimeOffset;
    private int _users;
    private int _disposed;
    private int _released;

    private LinuxUdpEndpoint(int fd, int wakeFd, UdpEndpointOptions options, UdpSegmentation segmentation, PacketCaptureWatch? captures)
    {
        _segmentAlways = segmentation == UdpSegmentation.On;
        _captures = segmentation == UdpSegmentation.WhileUncaptured ? captures : null;
        _kernelSegments = segmentation != UdpSegmentation.Off;
        _fd = fd;
        _wakeFd = wakeFd;
        _multicastInterface = options.EffectiveMulticastInterface;
        _requested = new Ip4Endpoint(options.BindAddress, options.Port);
        _send = MMsgScratch.Allocate();
        _receive = MMsgScratch.Allocate();
    }

    ~LinuxUdpEndpoint() => ReleaseNative();

    public Ip4Endpoint LocalEndpoint { get; private set; }

    public UdpEndpointStats Stats => _stats;

    /// <summary>The socket descriptor, for tests that read options back with getsockopt.</summary>
    internal int FileDescriptor => _fd;

    /// <summary>Creates, configures and binds a socket. Throws <see cref="SocketSetupException"/> on failure.</summary>
    public static LinuxUdpEndpoint Open(UdpEndpointOptions options, UdpSegmentation segmentation = UdpSegmentation.Off, PacketCaptureWatch? captures = null)
    {
        var requested = new Ip4Endpoint(options.BindAddress, options.Port);
        int fd = LinuxNative.Socket(LinuxNative.AfInet, LinuxNative.SockDgram | LinuxNative.SockCloexec, 0);
        if (fd < 0)
        {
            ThrowSetup("socket", requested, Marshal.GetLastPInvokeError());
        }

        int wakeFd = LinuxNative.EventFd(0, LinuxNative.EfdCloexec);
        if (wakeFd < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            LinuxNative.Close(fd);
            ThrowSetup("eventfd", requested, errno);
        }

        var endpoint = new LinuxUdpEndpoint(fd, wakeFd, options, segmentation, captures);
        try
        {
            endpoint.Configure(options);
        }
        catch
        {
            endpoint.Dispose();
            throw;
        }

        return endpoint;
    }

    public void JoinGroup(uint group) => Membership(LinuxNative.IpAddMembership, group, "IP_ADD_MEMBERSHIP");

    public void LeaveGroup(uint group) => Membership(LinuxNative.IpDropMembership, group, "IP_DROP_MEMBERSHIP");

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Wake a receive blocked in poll(); the eventfd is never read, so it stays readable and every
        // later poll returns at once too.
        ulong one = 1;
        LinuxNative.Write(_wakeFd, &one, sizeof(ulong));
        Interlocked.Increment(ref _users);
        Exit();
        GC.SuppressFinalize(this);
    }

    /// <inheritdoc/>
    public long ReadReceiveDrops()
    {
        long drops = ReadKernelDrops();
        return drops < 0 || !_receivesWhole ? drops : CountWholeDrops(drops);
    }

    /// <summary>The kernel's drop count: datagrams, or on a socket that reads whole, messages.</summary>
    private long ReadKernelDrops()
    {
        // SO_MEMINFO (Linux 4.6+): the socket's memory figures; SK_MEMINFO_DROPS (index 8) counts what the receive
        // path dropped, a full receive buffer first of all.
        const int SoMemInfo = 55;
        const int Drops = 8;
        uint* info = stackalloc uint[9];
        uint length = 9 * sizeof(uint);
        if (!Enter())
        {
            return -1;
        }

        try
        {
            return LinuxNative.GetSockOpt(_fd, LinuxNative.SolSocket, SoMemInfo, info, &length) == 0 && length > Drops * sizeof(uint) ? info[Drops] : -1;
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>Reads an int socket option (tests and diagnostics).</summary>
    internal int GetIntOption(int level, int name)
    {
        int value = 0;
        uint length = sizeof(int);
        return LinuxNative.GetSockOpt(_fd, level, name, &value, &length) == 0 ? value : -Marshal.GetLastPInvokeError();
    }

    private void Configure(UdpEndpointOptions options)
    {
        // Only a fixed port shares: on port 0, SO_REUSEADDR would let the kernel pick a port that another
        // SO_REUSEADDR socket on this address already holds (it then gets that socket's datagrams).
        if (options.ReuseAddress && options.Port != 0)
        {
            SetInt(LinuxNative.SolSocket, LinuxNative.SoReuseAddr, 1, "SO_REUSEADDR");
            if (options.ReusePort)
            {
                SetInt(LinuxNative.SolSocket, LinuxNative.SoReusePort, 1, "SO_REUSEPORT");
            }
        }

        if (options.BindAddress == Ip4Endpoint.AnyAddress)
        {
            // By default (IP_MULTICAST_ALL = 1) Linux hands a multicast datagram to every socket bound to its port
            // once *any* socket on the host joined the group. Virtual devices share the host, so each device's
            // group socket would also get the other devices' groups; a real device only gets what it joined.
            SetInt(LinuxNative.IpProtoIp, LinuxNative.IpMulticastAll, 0, "IP_MULTICAST_ALL");
        }

        if (options.ReceiveBufferBytes > 0)
        {
            SetBuffer(LinuxNative.SoRcvBuf, LinuxNative.SoRcvBufForce, options.ReceiveBufferBytes, "SO_RCVBUF");
        }

        _stats.SetReceiveBuffer(options.ReceiveBufferBytes, GetIntOption(LinuxNative.SolSocket, LinuxNative.SoRcvBuf));
        if (options.SendBufferBytes > 0)
        {
            SetBuffer(LinuxNative.SoSndBuf, LinuxNative.SoSndBufForce, options.SendBufferBytes, "SO_SNDBUF");
        }

        if (options.Qos != 0)
        {
            // IP_TOS also rewrites sk_priority, so SO_PRIORITY goes second (as TCNopen's vos_sock.c does).
            SetInt(LinuxNative.IpProtoIp, LinuxNative.IpTos, (options.Qos & 7) << 5, "IP_TOS");
            SetInt(LinuxNative.SolSocket, LinuxNative.SoPriority, options.Qos & 7, "SO_PRIORITY");
        }

        EnableArrivalStamps();
        EnableWholeReceive(options);
        _kernelSegments = _kernelSegments && KernelSegmentsSends();
        SetInt(LinuxNative.IpProtoIp, LinuxNative.IpTtl, options.Ttl, "IP_TTL");
        SetInt(LinuxNative.IpProtoIp, LinuxNative.IpMulticastTtl, options.Ttl, "IP_MULTICAST_TTL");
        SetInt(LinuxNative.IpProtoIp, LinuxNative.IpMulticastLoop, options.MulticastLoopback ? 1 : 0, "IP_MULTICAST_LOOP");
        if (_multicastInterface != 0)
        {
            uint address = System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(_multicastInterface);
            Check(LinuxNative.SetSockOpt(_fd, LinuxNative.IpProtoIp, LinuxNative.IpMulticastIf, &address, sizeof(uint)), "IP_MULTICAST_IF");
        }

        SockAddrIn local;
        LinuxNative.ToSockAddr(new Ip4Endpoint(options.BindAddress, options.Port), &local);
        Check(LinuxNative.Bind(_fd, &local, (uint)sizeof(SockAddrIn)), "bind");
        uint length = (uint)sizeof(SockAddrIn);
        Check(LinuxNative.GetSockName(_fd, &local, &length), "getsockname");
        LocalEndpoint = LinuxNative.FromSockAddr(&local);
        if (options.ExclusiveBind && options.BindAddress != Ip4Endpoint.AnyAddress && options.Port != 0)
        {
            BoundSockets.EnsureSole(_fd, LocalEndpoint, tcp: false);
        }

        if (options.ConnectTo is { } peer)
        {
            SockAddrIn remote;
            LinuxNative.ToSockAddr(peer, &remote);
            Check(LinuxNative.Connect(_fd, &remote, (uint)sizeof(SockAddrIn)), "connect");
            _peer = peer;
            _connected = true;
        }

        IReadOnlyList<uint> groups = options.MulticastGroups;
        for (int i = 0; i < groups.Count; i++)
        {
            JoinGroup(groups[i]);
        }
    }

    private void Membership(int option, uint group, string name)
    {
        if (!Enter())
        {
            ThrowHelpers.ObjectDisposed(nameof(LinuxUdpEndpoint));
        }

        try
        {
            // struct ip_mreq { in_addr multiaddr; in_addr interface; }
            uint* request = stackalloc uint[2];
            request[0] = System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(group);
            request[1] = System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(_multicastInterface);
            Check(LinuxNative.SetSockOpt(_fd, LinuxNative.IpProtoIp, option, request, 2 * sizeof(uint)), name);
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>Asks the kernel to stamp every datagram with its arrival time (SO_TIMESTAMPNS), so a datagram
    /// that waited in the socket buffer is measured from its arrival, not from when it was read. Optional: a
    /// kernel that refuses leaves the datagrams unstamped and the caller uses the read time.</summary>
    private void EnableArrivalStamps()
    {
        if (!MonotonicClock.IsIdentity)
        {
            return; // the stamps could not be turned into this time base
        }

        int on = 1;
        _stampsArrivals = LinuxNative.SetSockOpt(_fd, LinuxNative.SolSocket, LinuxNative.SoTimestampNs, &on, sizeof(int)) == 0;
        _lastRealtimeOffset = MonotonicClock.RealtimeOffsetNanoseconds();
    }

    /// <summary>Whether this batch's runs go as segmented messages: the kernel can, and the policy wants it now.</summary>
    private bool SegmentsNow => _kernelSegments && (_segmentAlways || (_captures is { } watch && !watch.CapturedNow()));

    /// <summary>Whether this kernel knows UDP_SEGMENT: reading the option back succeeds from Linux 4.18 on.</summary>
    private bool KernelSegmentsSends()
    {
        int size = 0;
        uint length = sizeof(int);
        return LinuxNative.GetSockOpt(_fd, LinuxNative.SolUdp, LinuxNative.UdpSegment, &size, &length) == 0;
    }

    /// <summary>Asks for a socket buffer of <paramref name="bytes"/>. Linux caps the plain option at
    /// <c>net.core.rmem_max</c>/<c>wmem_max</c> (208 KiB on a host nobody tuned: a few milliseconds at 100k datagrams/s)
    /// and records twice the value for its own accounting; where the cap cut the request, the forcing option sets it
    /// anyway if the process has CAP_NET_ADMIN. Without it the capped size stays, and the run reports it.</summary>
    private void SetBuffer(int name, int forceName, int bytes, string optionName)
    {
        SetInt(LinuxNative.SolSocket, name, bytes, optionName);
        if (GetIntOption(LinuxNative.SolSocket, name) >= KernelBufferBytes(bytes))
        {
            return;
        }

        int value = bytes;
        _ = LinuxNative.SetSockOpt(_fd, LinuxNative.SolSocket, forceName, &value, sizeof(int));
    }

    /// <summary>What the kernel records for a buffer request of <paramref name="bytes"/> (twice it, at most int.MaxValue).</summary>
    private static int KernelBufferBytes(int bytes) => (int)Math.Min(int.MaxValue, 2L * bytes);

    private void SetInt(int level, int name, int value, string optionName) =>
        Check(LinuxNative.SetSockOpt(_fd, level, name, &value, sizeof(int)), optionName);

    private void Check(int result, string operation)
    {
        if (result != 0)
        {
            ThrowSetup(operation, _requested, Marshal.GetLastPInvokeError());
        }
    }

    private bool Enter()
    {
        Interlocked.Increment(ref _users);
        if (Volatile.Read(ref _disposed) != 0)
        {
            Exit();
            return false;
        }

        return true;
    }

    private void Exit()
    {
        if (Interlocked.Decrement(ref _users) == 0 && Volatile.Read(ref _disposed) != 0)
        {
            ReleaseNative();
        }
    }

    private void ReleaseNative()
    {
        if (Interlocked.Exchange(ref _released, 1) != 0)
        {
            return;
        }

        LinuxNative.Close(_fd);
        LinuxNative.Close(_wakeFd);
        MMsgScratch.Free(_send);
        MMsgScratch.Free(_receive);
        FreeWholeScratch();
    }

    [DoesNotReturn]
    private static void ThrowSetup(string operation, Ip4Endpoint requested, int errno) =>
        throw new SocketSetupException(operation, requested, errno);
}
