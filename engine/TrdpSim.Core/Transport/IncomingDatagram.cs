namespace TrdpSim.Transport;

/// <summary>A receive slot: the caller sets <see cref="Buffer"/>, <see cref="Offset"/> and
/// <see cref="Capacity"/>; <see cref="IUdpEndpoint.Receive"/> fills <see cref="Length"/>,
/// <see cref="Truncated"/> and <see cref="Source"/>.</summary>
/// <remarks>
/// The caller owns the slot buffers before, during and after <c>Receive</c>; the transport only writes
/// into <c>Buffer[Offset..Offset+Capacity]</c>. Like <see cref="OutgoingDatagram.Buffer"/> the array must be
/// pinned (<c>GC.AllocateArray(pinned: true)</c> or a <see cref="TrdpSim.Buffers.PinnedBlockPool"/> block)
/// because the kernel writes to its address directly.
/// </remarks>
internal struct IncomingDatagram
{
    /// <summary>A pinned array owned by the caller.</summary>
    public byte[] Buffer;

    /// <summary>Where the payload is written in <see cref="Buffer"/>.</summary>
    public int Offset;

    /// <summary>How many bytes may be written; a larger datagram is cut and flagged <see cref="Truncated"/>.</summary>
    public int Capacity;

    /// <summary>Bytes written (≤ <see cref="Capacity"/>).</summary>
    public int Length;

    /// <summary>The datagram was larger than <see cref="Capacity"/>; the rest was discarded.</summary>
    public bool Truncated;

    /// <summary>Sender's address and port.</summary>
    public Ip4Endpoint Source;

    /// <summary>When the datagram reached the socket, in <see cref="TrdpSim.Scheduling.MonotonicClock"/> nanoseconds,
    /// from the kernel's receive timestamp; 0 when the transport has none (the caller then uses the time the
    /// receive call returned).</summary>
    /// <remarks>A datagram may wait in the socket buffer before it is read (a receive thread that reads in
    /// intervals, or one the host did not run for a while): its arrival is this time, not the time of the read.</remarks>
    public long ArrivalNanoseconds;

    /// <summary>Creates a slot over <c>buffer[offset..offset+capacity]</c>.</summary>
    public IncomingDatagram(byte[] buffer, int offset, int capacity)
    {
        Buffer = buffer;
        Offset = offset;
        Capacity = capacity;
        Length = 0;
        Truncated = false;
        Source = default;
        ArrivalNanoseconds = 0;
    }

    /// <summary>The arrival time: the kernel's stamp, or <paramref name="readNanoseconds"/> (when the receive call
    /// returned) where the transport gives none.</summary>
    public readonly long ArrivedAt(long readNanoseconds) => ArrivalNanoseconds != 0 ? ArrivalNanoseconds : readNanoseconds;

    /// <summary>The received bytes.</summary>
    public readonly ReadOnlySpan<byte> Payload => Buffer.AsSpan(Offset, Length);
}
