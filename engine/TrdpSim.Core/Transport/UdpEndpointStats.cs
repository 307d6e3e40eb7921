using System.Runtime.CompilerServices;
using TrdpSim.Transport.Internal;

namespace TrdpSim.Transport;

/// <summary>Per-endpoint counters, cumulative since the endpoint opened.</summary>
/// <remarks>
/// Plain <see langword="long"/> fields with a single writer per direction: the sending thread writes
/// the <c>Send…</c> counters, the receiving thread the <c>Receive…</c>/<see cref="Truncated"/> ones,
/// so increments need no interlocked operations. The one exception is
/// <see cref="ReceiveDropped"/>, written by senders of the in-memory network, which uses
/// <see cref="Interlocked"/>. Readers on other threads (metrics scrape) see each value atomically
/// but not a consistent snapshot across counters.
/// </remarks>
public sealed class UdpEndpointStats
{
    private long _sent;
    private long _sendCalls;
    private long _sendWouldBlock;
    private long _sendRefused;
    private long _icmpRefused;
    private long _sendUnreachable;
    private long _sendTooLong;
    private long _sendOtherErrors;
    private long _sentSegmented;
    private long _segmentFallbacks;
    private long _receivedWhole;
    private int _lastSendError;
    private long _received;
    private long _receiveCalls;
    private long _truncated;
    private long _receiveErrors;
    private long _receiveDropped;
    private int _lastReceiveError;
    private int _receiveBufferAsked;
    private int _receiveBufferBytes;

    /// <summary>The receive buffer asked for (bytes; 0 = the OS default was left).</summary>
    internal int ReceiveBufferAskedBytes => Volatile.Read(ref _receiveBufferAsked);

    /// <summary>The receive buffer the kernel granted, as it reports it (Linux: twice the usable request, its own
    /// bookkeeping included); 0 where the transport has no kernel socket.</summary>
    internal int ReceiveBufferBytes => Volatile.Read(ref _receiveBufferBytes);

    /// <summary>The receive buffer granted in the terms it was asked in (Linux reports twice the request: halved).</summary>
    internal int ReceiveBufferGrantedBytes => OperatingSystem.IsLinux() ? ReceiveBufferBytes / 2 : ReceiveBufferBytes;

    /// <summary>Whether the kernel granted less receive buffer than was asked (Linux: <c>net.core.rmem_max</c> without
    /// CAP_NET_ADMIN to exceed it; Linux grants at most int.MaxValue / 2 whatever the privilege).</summary>
    internal bool ReceiveBufferCapped => ReceiveBufferAskedBytes > 0 && ReceiveBufferBytes > 0
        && ReceiveBufferGrantedBytes < Math.Min(ReceiveBufferAskedBytes, int.MaxValue / 2);

    /// <summary>Received datagrams that arrived inside a segmented message read whole (UDP_GRO), of <see cref="Received"/>.</summary>
    internal long ReceivedWhole => Volatile.Read(ref _receivedWhole);

    /// <summary>Datagrams the stack accepted.</summary>
    public long Sent => Volatile.Read(ref _sent);

    /// <summary>Batched send system calls (sendmmsg or equivalent) made.</summary>
    public long SendCalls => Volatile.Read(ref _sendCalls);

    /// <summary>Datagrams not sent because the send buffer was full (EAGAIN/EWOULDBLOCK, ENOBUFS).</summary>
    public long SendWouldBlock => Volatile.Read(ref _sendWouldBlock);

    /// <summary>Datagrams not sent because their send <em>and</em> its one retry were refused with
    /// ECONNREFUSED (a fresh ICMP error arrived between the two); rare, see <see cref="IcmpRefused"/>.</summary>
    public long SendConnectionRefused => Volatile.Read(ref _sendRefused);

    /// <summary>Send calls refused with ECONNREFUSED: information, not a failure.</summary>
    /// <remarks>An earlier datagram to a port nobody listens on drew an ICMP port-unreachable; Linux keeps it
    /// as a pending error on a connected socket and reports it on the next send, which then has not sent
    /// its datagram. Reporting clears the error, so the endpoint sends that datagram again (once) and goes
    /// on; the datagram is counted in <see cref="Sent"/>, not as an error. A refusal that <c>sendmmsg</c> meets
    /// after other datagrams of the same call shows only as a short count and is retried the same way
    /// without being counted here, so this is the number of refused calls, not of ICMP messages.</remarks>
    public long IcmpRefused => Volatile.Read(ref _icmpRefused);

    /// <summary>Datagrams rejected with ENETUNREACH, EHOSTUNREACH or EADDRNOTAVAIL (no route).</summary>
    public long SendUnreachable => Volatile.Read(ref _sendUnreachable);

    /// <summary>Datagrams rejected with EMSGSIZE (larger than the UDP maximum).</summary>
    public long SendMessageTooLong => Volatile.Read(ref _sendTooLong);

    /// <summary>Datagrams rejected for any other reason (EPERM, EINVAL, …).</summary>
    public long SendOtherErrors => Volatile.Read(ref _sendOtherErrors);

    /// <summary>All datagrams that were offered but not accepted.</summary>
    public long SendErrors => SendWouldBlock + SendConnectionRefused + SendUnreachable + SendMessageTooLong + SendOtherErrors;

    /// <summary>The errno (Linux) or <c>SocketError</c> (fallback) of the latest send failure; 0 if none.</summary>
    public int LastSendError => Volatile.Read(ref _lastSendError);

    /// <summary>Of <see cref="Sent"/>, the datagrams that went in a UDP segmentation group: one message the kernel
    /// cut into equal datagrams to one destination (Linux UDP_SEGMENT).</summary>
    internal long SentSegmented => Volatile.Read(ref _sentSegmented);

    /// <summary>Segmentation groups the kernel refused as a whole; their datagrams were offered again one by one,
    /// so each got its own outcome.</summary>
    internal long SegmentFallbacks => Volatile.Read(ref _segmentFallbacks);

    /// <summary>Datagrams delivered into caller slots.</summary>
    public long Received => Volatile.Read(ref _received);

    /// <summary>Receive system calls that returned at least one datagram.</summary>
    public long ReceiveCalls => Volatile.Read(ref _receiveCalls);

    /// <summary>Datagrams cut because the slot was smaller than the datagram.</summary>
    public long Truncated => Volatile.Read(ref _truncated);

    /// <summary>Receive calls that failed with an unexpected error (not EAGAIN/EINTR).</summary>
    public long ReceiveErrors => Volatile.Read(ref _receiveErrors);

    /// <summary>Datagrams dropped because this endpoint's receive queue was full
    /// (in-memory transport only; for sockets see <c>/proc/net/snmp</c> RcvbufErrors).</summary>
    public long ReceiveDropped => Interlocked.Read(ref _receiveDropped);

    /// <summary>The errno (Linux) or <c>SocketError</c> (fallback) of the latest receive failure; 0 if none.</summary>
    public int LastReceiveError => Volatile.Read(ref _lastReceiveError);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void AddSent(int count, int calls)
    {
        _sent += count;
        _sendCalls += calls;
    }

    internal void SetReceiveBuffer(int asked, int granted)
    {
        Volatile.Write(ref _receiveBufferAsked, Math.Max(0, asked));
        Volatile.Write(ref _receiveBufferBytes, Math.Max(0, granted));
    }

    internal void AddReceivedWhole(int count) => _receivedWhole += count;

    internal void AddSentSegmented(int count) => _sentSegmented += count;

    internal void AddSegmentFallback() => _segmentFallbacks++;

    internal void AddIcmpRefused() => _icmpRefused++;

    internal void AddSendError(UdpSendError kind, int count, int error)
    {
        switch (kind)
        {
            case UdpSendError.WouldBlock: _sendWouldBlock += count; break;
            case UdpSendError.ConnectionRefused: _sendRefused += count; break;
            case UdpSendError.Unreachable: _sendUnreachable += count; break;
            case UdpSendError.MessageTooLong: _sendTooLong += count; break;
            default: _sendOtherErrors += count; break;
        }

        _lastSendError = error;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void AddReceived(int count, int truncated)
    {
        _received += count;
        _receiveCalls++;
        _truncated += truncated;
    }

    internal void AddReceiveError(int error)
    {
        _receiveErrors++;
        _lastReceiveError = error;
    }

    internal void AddReceiveDropped() => Interlocked.Increment(ref _receiveDropped);
}
