namespace TrdpSim.Transport;

/// <summary>A bound UDP socket that sends and receives datagrams in batches.</summary>
/// <remarks>
/// <para><b>Threading:</b> one thread may call <see cref="Send(ReadOnlySpan{OutgoingDatagram}, Span{bool})"/> while another calls
/// <see cref="Receive"/>; neither method may be called from two threads at once (each direction has a
/// single writer, which is what keeps the native scratch arrays and the <see cref="Stats"/> counters
/// lock-free). <see cref="IDisposable.Dispose"/>, <see cref="JoinGroup"/> and <see cref="LeaveGroup"/> may be
/// called from any thread; <c>Dispose</c> wakes a blocked <c>Receive</c>, which then returns 0.</para>
/// <para><b>Buffers:</b> the caller owns every buffer it passes in, before and after the call;
/// they must be pinned arrays (see <see cref="OutgoingDatagram"/>).</para>
/// <para><b>Errors:</b> expected network failures (EAGAIN, ENETUNREACH, …) never throw: they are counted in
/// <see cref="Stats"/>. ECONNREFUSED, a pending ICMP error from an earlier datagram, did not send the
/// datagram it was reported for: that datagram is sent again, once, and the refusal is counted as
/// <see cref="UdpEndpointStats.IcmpRefused"/>, not as an error. Exceptions mean a bug (null buffer, range
/// outside the array).</para>
/// </remarks>
internal interface IUdpEndpoint : IDisposable
{
    /// <summary>The bound address and port (the port the OS chose when 0 was requested).</summary>
    Ip4Endpoint LocalEndpoint { get; }

    /// <summary>Counters for this endpoint; safe to read from any thread.</summary>
    UdpEndpointStats Stats { get; }

    /// <summary>Sends the batch, up to 64 datagrams per system call, without blocking.</summary>
    /// <returns>How many datagrams the stack accepted. Rejected ones are counted in <see cref="Stats"/>
    /// by error kind; when the send buffer is full (EAGAIN) the rest of the batch is counted as
    /// <see cref="UdpEndpointStats.SendWouldBlock"/> and not attempted. 0 after Dispose.</returns>
    int Send(ReadOnlySpan<OutgoingDatagram> batch) => Send(batch, default);

    /// <summary>Sends the batch like <see cref="Send(ReadOnlySpan{OutgoingDatagram})"/> and says which datagrams
    /// the stack took: <paramref name="accepted"/>[i] for <paramref name="batch"/>[i].</summary>
    /// <remarks>A datagram refused in the middle of a batch (no route, too long) is skipped and the rest still goes,
    /// so the accepted ones are not always the first ones: whoever counts outcomes per frame, or records what left,
    /// must read them here. <paramref name="accepted"/> is empty when the caller does not need them, else at least
    /// as long as the batch.</remarks>
    int Send(ReadOnlySpan<OutgoingDatagram> batch, Span<bool> accepted);

    /// <summary>Waits up to <paramref name="timeoutMilliseconds"/> for the first datagram, then takes
    /// whatever else is already queued, filling <paramref name="slots"/> from index 0.</summary>
    /// <param name="slots">Caller-owned slots; <c>Buffer</c>, <c>Offset</c>, <c>Capacity</c> must be set.</param>
    /// <param name="timeoutMilliseconds">0 polls without waiting; negative waits until a datagram
    /// arrives or the endpoint is disposed.</param>
    /// <returns>Number of slots filled; 0 on timeout or once disposed.</returns>
    int Receive(Span<IncomingDatagram> slots, int timeoutMilliseconds);

    /// <summary>Datagrams dropped on their way into this socket because its receive queue was full (the reader
    /// fell behind), since the socket was opened; -1 where the transport cannot tell. The kernel's count on Linux
    /// (<c>SO_MEMINFO</c>, one system call: call it when a gap needs explaining, not per datagram). On a socket that
    /// reads segmented runs whole the kernel counts a dropped run once; each counts as the largest run the socket has
    /// read (an upper bound).</summary>
    long ReadReceiveDrops() => -1;

    /// <summary>Joins a multicast group (host order) on the endpoint's multicast interface.</summary>
    void JoinGroup(uint group);

    /// <summary>Leaves a multicast group joined earlier.</summary>
    void LeaveGroup(uint group);
}
