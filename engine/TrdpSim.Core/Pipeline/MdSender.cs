using TrdpSim.Telemetry;
using TrdpSim.Transport;

namespace TrdpSim.Pipeline;

/// <summary>Batches MD frames for one UDP socket during a wheel tick and sends them in one call.</summary>
/// <remarks>
/// Wheel thread only. Frames are copied into the sender's own pinned slots, so a session may reuse its
/// buffer right away; a frame larger than a slot leaves at once on its own. The batch is flushed by the
/// send stage at the end of the tick (<see cref="IFlushable"/>).
/// </remarks>
public sealed class MdSender : IFlushable
{
    private const int Slots = 64;
    private const int SlotBytes = MdInbox.SmallFrameBytes;

    private readonly OutgoingDatagram[] _batch = new OutgoingDatagram[Slots];
    private readonly OutgoingDatagram[] _single = new OutgoingDatagram[1];
    private readonly byte[] _block = GC.AllocateArray<byte>(Slots * SlotBytes, pinned: true);
    private readonly SendQueue _queue;
    private readonly MdCounters _failures;
    private int _count;

    public MdSender(IUdpEndpoint endpoint, SendQueue queue, MdCounters failures)
    {
        Endpoint = endpoint;
        _queue = queue;
        _failures = failures;
    }

    public IUdpEndpoint Endpoint { get; }

    /// <summary>Queues a copy of <paramref name="frame"/> for <paramref name="destination"/>.</summary>
    public void Send(ReadOnlySpan<byte> frame, Ip4Endpoint destination)
    {
        if (frame.Length > SlotBytes)
        {
            SendLarge(frame, destination);
            return;
        }

        if (_count == 0)
        {
            _queue.MarkPending(this);
        }

        var offset = _count * SlotBytes;
        frame.CopyTo(_block.AsSpan(offset));
        _batch[_count++] = new OutgoingDatagram { Buffer = _block, Offset = offset, Length = frame.Length, Destination = destination };
        if (_count == Slots)
        {
            Flush();
        }
    }

    /// <inheritdoc />
    public void Flush()
    {
        if (_count == 0)
        {
            return;
        }

        var accepted = Endpoint.Send(_batch.AsSpan(0, _count));
        _failures.SendFailures += _count - accepted;
        _count = 0;
    }

    private void SendLarge(ReadOnlySpan<byte> frame, Ip4Endpoint destination)
    {
        // Rare (frames over 2 KiB): a pinned copy per send keeps the fast path simple.
        var copy = GC.AllocateArray<byte>(frame.Length, pinned: true);
        frame.CopyTo(copy);
        _single[0] = new OutgoingDatagram { Buffer = copy, Offset = 0, Length = frame.Length, Destination = destination };
        if (Endpoint.Send(_single) != 1)
        {
            _failures.SendFailures++;
        }

        _single[0] = default;
    }
}
