using TrdpSim.Transport;

namespace TrdpSim.Pipeline;

/// <summary>A received MD frame on its way from a receive thread to the wheel thread.</summary>
/// <remarks>Pooled by <see cref="WheelInbox"/>: the receive thread copies the datagram in and posts it; the
/// wheel thread handles it and gives it back. A frame is never used after it is returned.</remarks>
internal sealed class InboundFrame
{
    internal InboundFrame(int capacity) => Block = GC.AllocateArray<byte>(capacity, pinned: true);

    public byte[] Block { get; }

    public int Length { get; internal set; }

    public Ip4Endpoint Source { get; internal set; }

    /// <summary>Monotonic receive time (ns): replies are scheduled and round trips measured from it.</summary>
    public long ReceivedNanoseconds { get; internal set; }

    public FrameArrival Arrival { get; internal set; }

    /// <summary>The bus interface of the receiving device the frame arrived on (0 = a, the device's address; a
    /// multi-homed device's further interfaces 1, 2, …): its answer leaves on the same interface.</summary>
    public int Face { get; internal set; }

    /// <summary>The TCP connection the frame came on (answers go back on it); null for UDP.</summary>
    public TrdpSim.Transport.Tcp.TcpMdConnection? Connection { get; internal set; }

    /// <summary>Who handles the frame on the wheel thread (its device's MD station).</summary>
    internal IInboundFrameHandler? Handler { get; set; }

    public ReadOnlySpan<byte> Span => Block.AsSpan(0, Length);
}
