using System.Runtime.InteropServices;

namespace TrdpSim.Transport.Internal;

/// <summary>struct iovec.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct IoVec
{
    public nint Base;
    public nuint Length;
}

/// <summary>struct msghdr (x86-64 / arm64 Linux layout, 56 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct MsgHdr
{
    public nint Name;
    public uint NameLength;
    public nint Iov;
    public nuint IovLength;
    public nint Control;
    public nuint ControlLength;
    public int Flags;
}

/// <summary>struct mmsghdr (64 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct MMsgHdr
{
    public MsgHdr Header;
    public uint Length;
}

/// <summary>struct sockaddr_in (16 bytes); port and address in network order.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct SockAddrIn
{
    public ushort Family;
    public ushort PortBigEndian;
    public uint AddressBigEndian;
    public ulong Zero;
}

/// <summary>struct pollfd.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct PollFd
{
    public int Fd;
    public short Events;
    public short ReturnedEvents;
}

/// <summary>libc entry points for the Linux socket endpoint. Functions that can fail set errno,
/// read with <see cref="Marshal.GetLastPInvokeError"/>.</summary>
internal static unsafe partial class LinuxNative
{
    public const int AfInet = 2;
    public const int SockDgram = 2;
    public const int SockCloexec = 0x80000;
    public const int SolSocket = 1;
    public const int SoReuseAddr = 2;
    public const int SoSndBuf = 7;
    public const int SoRcvBuf = 8;
    public const int SoPriority = 12;
    public const int SoReusePort = 15;

    /// <summary>SO_SNDBUFFORCE / SO_RCVBUFFORCE: set the buffer past <c>net.core.wmem_max</c>/<c>rmem_max</c>; needs
    /// CAP_NET_ADMIN (EPERM otherwise).</summary>
    public const int SoSndBufForce = 32;

    /// <inheritdoc cref="SoSndBufForce"/>
    public const int SoRcvBufForce = 33;

    /// <summary>SO_TIMESTAMPNS (the old, 64-bit time_t layout on x86-64 and arm64): the kernel stamps each received
    /// datagram with CLOCK_REALTIME at its arrival and hands it over as an SCM_TIMESTAMPNS control message.</summary>
    public const int SoTimestampNs = 35;

    /// <summary>The control message type of <see cref="SoTimestampNs"/> (the same number).</summary>
    public const int ScmTimestampNs = SoTimestampNs;

    public const int SolUdp = 17;

    /// <summary>UDP_SEGMENT (Linux 4.18+): a send's payload is cut by the kernel into datagrams of this many bytes.</summary>
    public const int UdpSegment = 103;

    /// <summary>UDP_GRO (Linux 5.0+): the socket takes a run of datagrams that travelled as one segmented message whole,
    /// with a control message of this type giving the datagrams' size.</summary>
    public const int UdpGro = 104;

    public const int ProtRead = 0x1;
    public const int ProtWrite = 0x2;
    public const int MapPrivate = 0x2;
    public const int MapAnonymous = 0x20;
    public const int MapNoReserve = 0x4000;

    public const int IpProtoIp = 0;
    public const int IpTos = 1;
    public const int IpTtl = 2;
    public const int IpMulticastIf = 32;
    public const int IpMulticastTtl = 33;
    public const int IpMulticastLoop = 34;
    public const int IpAddMembership = 35;
    public const int IpDropMembership = 36;
    public const int IpMulticastAll = 49;
    public const int MsgTrunc = 0x20;
    public const int MsgDontWait = 0x40;
    public const int MsgNoSignal = 0x4000;
    public const short PollIn = 0x1;
    public const int EfdCloexec = 0x80000;
    public const int ShutRdWr = 2;

    public const int EIntr = 4;
    public const int EAgain = 11;
    public const int ENoBufs = 105;
    public const int EMsgSize = 90;
    public const int EAddrNotAvail = 99;
    public const int ENetUnreach = 101;
    public const int EConnRefused = 111;
    public const int EHostUnreach = 113;

    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    public static partial int Socket(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    public static partial int SetSockOpt(int fd, int level, int name, void* value, uint length);

    [LibraryImport("libc", EntryPoint = "getsockopt", SetLastError = true)]
    public static partial int GetSockOpt(int fd, int level, int name, void* value, uint* length);

    [LibraryImport("libc", EntryPoint = "bind", SetLastError = true)]
    public static partial int Bind(int fd, SockAddrIn* address, uint length);

    [LibraryImport("libc", EntryPoint = "connect", SetLastError = true)]
    public static partial int Connect(int fd, SockAddrIn* address, uint length);

    [LibraryImport("libc", EntryPoint = "getsockname", SetLastError = true)]
    public static partial int GetSockName(int fd, SockAddrIn* address, uint* length);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "shutdown", SetLastError = true)]
    public static partial int Shutdown(int fd, int how);

    [LibraryImport("libc", EntryPoint = "sendmmsg", SetLastError = true)]
    public static partial int SendMMsg(int fd, MMsgHdr* messages, uint count, int flags);

    [LibraryImport("libc", EntryPoint = "recvmmsg", SetLastError = true)]
    public static partial int RecvMMsg(int fd, MMsgHdr* messages, uint count, int flags, void* timeout);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    public static partial int Poll(PollFd* fds, nuint count, int timeoutMilliseconds);

    [LibraryImport("libc", EntryPoint = "eventfd", SetLastError = true)]
    public static partial int EventFd(uint initial, int flags);

    [LibraryImport("libc", EntryPoint = "mmap", SetLastError = true)]
    public static partial void* Mmap(void* address, nuint length, int protection, int flags, int fd, nint offset);

    [LibraryImport("libc", EntryPoint = "munmap", SetLastError = true)]
    public static partial int Munmap(void* address, nuint length);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(int fd, void* buffer, nuint count);

    /// <summary>Maps a send errno to its counter.</summary>
    public static UdpSendError Classify(int errno) => errno switch
    {
        EAgain or ENoBufs => UdpSendError.WouldBlock,
        EConnRefused => UdpSendError.ConnectionRefused,
        ENetUnreach or EHostUnreach or EAddrNotAvail => UdpSendError.Unreachable,
        EMsgSize => UdpSendError.MessageTooLong,
        _ => UdpSendError.Other,
    };

    /// <summary>Writes a host-order endpoint as sockaddr_in.</summary>
    public static void ToSockAddr(Ip4Endpoint endpoint, SockAddrIn* address)
    {
        address->Family = AfInet;
        address->PortBigEndian = System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(endpoint.Port);
        address->AddressBigEndian = System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(endpoint.Address);
        address->Zero = 0;
    }

    /// <summary>Reads a sockaddr_in as a host-order endpoint.</summary>
    public static Ip4Endpoint FromSockAddr(SockAddrIn* address) => new(
        System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(address->AddressBigEndian),
        System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(address->PortBigEndian));
}
