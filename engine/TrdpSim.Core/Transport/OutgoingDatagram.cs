namespace TrdpSim.Transport;

/// <summary>One datagram to send: <c>Buffer[Offset..Offset+Length]</c> to <see cref="Destination"/>.</summary>
/// <remarks>
/// <para><b>The buffer must not move:</b> allocate it with
/// <c>GC.AllocateArray&lt;byte&gt;(n, pinned: true)</c> or rent it from
/// <see cref="TrdpSim.Buffers.PinnedBlockPool"/>. <see cref="SocketUdpTransport"/> hands the array's
/// address straight to the kernel and pins nothing per call.</para>
/// <para>The caller keeps ownership: <see cref="IUdpEndpoint.Send(ReadOnlySpan{OutgoingDatagram}, Span{bool})"/> has copied the bytes into the
/// kernel (or the in-memory queue) by the time it returns, so the buffer may be reused or returned
/// to its pool immediately afterwards.</para>
/// </remarks>
internal struct OutgoingDatagram
{
    /// <summary>A pinned array (see remarks).</summary>
    public byte[] Buffer;

    /// <summary>First payload byte in <see cref="Buffer"/>.</summary>
    public int Offset;

    /// <summary>Payload length in bytes (UDP payload, at most 65507).</summary>
    public int Length;

    /// <summary>Unicast or multicast destination.</summary>
    public Ip4Endpoint Destination;

    /// <summary>Convenience constructor.</summary>
    public OutgoingDatagram(byte[] buffer, int offset, int length, Ip4Endpoint destination)
    {
        Buffer = buffer;
        Offset = offset;
        Length = length;
        Destination = destination;
    }

    /// <summary>The payload bytes.</summary>
    public readonly ReadOnlySpan<byte> Payload => Buffer.AsSpan(Offset, Length);
}
