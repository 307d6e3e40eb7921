using TrdpSim.Buffers;
using TrdpSim.Scheduling;
using TrdpSim.Telemetry;
using TrdpSim.Transport;

namespace TrdpSim.Pipeline;

/// <summary>One UDP send socket and the batch of frames waiting for it in the current tick: every UDP frame
/// trdpsim sends — cyclic PD, pull and statistics replies, MD — leaves through one of these.</summary>
/// <remarks>
/// <para>Wheel thread only. Frames due in one tick are collected and leave in one batched send
/// (<c>sendmmsg</c>) when the tick ends or the batch is full; lateness is measured after the send call
/// returns, so it includes the system call.</para>
/// <para>A frame is held in one of three ways until the flush: by reference (a telegram's own frame,
/// unchanged until the next tick), as a pooled copy the port returns after sending (the fault stage's
/// copies, pull replies), or copied into the port's own pinned slots (frames encoded in a scratch buffer
/// that is reused at once, as MD sessions do). A frame larger than a slot leaves at once on its own.</para>
/// </remarks>
internal sealed class SendPort : IFlushable
{
    /// <summary>Frames per send call (the transport's batch size).</summary>
    public const int BatchSize = 64;

    /// <summary>Size of a slot for copied frames: above the largest PD frame and most MD frames.</summary>
    public const int SlotBytes = 2048;

    /// <summary>Intended time of a frame that leaves late on purpose (delayed or reordered by a fault) or
    /// has no schedule (a reply): its send lateness is not recorded.</summary>
    public const long Unscheduled = long.MinValue;

    private readonly OutgoingDatagram[] _datagrams = new OutgoingDatagram[BatchSize];
    private readonly ISentFrameOwner[] _owners = new ISentFrameOwner[BatchSize];
    private readonly long[] _intended = new long[BatchSize];
    private readonly bool[] _accepted = new bool[BatchSize];
    private readonly TelegramBuffer?[] _copies = new TelegramBuffer?[BatchSize];
    private readonly TelegramBufferPool?[] _copyPools = new TelegramBufferPool?[BatchSize];
    private readonly OutgoingDatagram[] _single = new OutgoingDatagram[1];
    private readonly SendQueue _queue;
    private readonly LatencyRecorder _allLateness;
    private byte[]? _slots;
    private int _count;

    /// <param name="endpoint">The send socket.</param>
    /// <param name="queue">The send stage that flushes this batch at the end of each tick.</param>
    /// <param name="allLateness">Run-wide send lateness (every scheduled frame of every device).</param>
    public SendPort(IUdpEndpoint endpoint, SendQueue queue, LatencyRecorder allLateness)
    {
        Endpoint = endpoint;
        _queue = queue;
        _allLateness = allLateness;
    }

    public IUdpEndpoint Endpoint { get; }

    /// <summary>Sees every frame the socket took, after the send call (a recording); null when nothing listens.</summary>
    public IFrameTap? Tap { get; init; }

    /// <summary>Adds a frame held by reference; it must stay unchanged until the batch is flushed.</summary>
    /// <param name="owner">The telegram the frame belongs to (counters, lateness group).</param>
    /// <param name="frame">The frame (pinned).</param>
    /// <param name="length">Valid bytes of <paramref name="frame"/>.</param>
    /// <param name="destination">Where it goes.</param>
    /// <param name="intendedNanoseconds">Cycle time, or <see cref="Unscheduled"/> to record no lateness.</param>
    public void Enqueue(ISentFrameOwner owner, byte[] frame, int length, Ip4Endpoint destination, long intendedNanoseconds) =>
        Add(owner, frame, 0, length, destination, intendedNanoseconds);

    /// <summary>Adds a pooled copy; the port returns it to <paramref name="pool"/> once it is sent.</summary>
    public void EnqueueCopy(ISentFrameOwner owner, TelegramBuffer copy, TelegramBufferPool pool, Ip4Endpoint destination, long intendedNanoseconds)
    {
        _copies[_count] = copy;
        _copyPools[_count] = pool;
        Add(owner, copy.Block, 0, copy.Length, destination, intendedNanoseconds);
    }

    /// <summary>Copies <paramref name="frame"/> into the port's own slots and adds it, so the caller may reuse
    /// its buffer at once; a frame larger than a slot is sent at once on its own.</summary>
    public void EnqueueCopyOf(ISentFrameOwner owner, ReadOnlySpan<byte> frame, Ip4Endpoint destination, long intendedNanoseconds)
    {
        if (frame.Length > SlotBytes)
        {
            SendLarge(owner, frame, destination);
            return;
        }

        // Slots are made on first use: most ports only ever send frames they hold by reference.
        _slots ??= GC.AllocateArray<byte>(BatchSize * SlotBytes, pinned: true);
        var offset = _count * SlotBytes;
        frame.CopyTo(_slots.AsSpan(offset));
        Add(owner, _slots, offset, frame.Length, destination, intendedNanoseconds);
    }

    private void Add(ISentFrameOwner owner, byte[] buffer, int offset, int length, Ip4Endpoint destination, long intendedNanoseconds)
    {
        if (_count == 0)
        {
            _queue.MarkPending(this);
        }

        ref var datagram = ref _datagrams[_count];
        datagram.Buffer = buffer;
        datagram.Offset = offset;
        datagram.Length = length;
        datagram.Destination = destination;
        _owners[_count] = owner;
        _intended[_count] = intendedNanoseconds;
        if (++_count == BatchSize)
        {
            Flush();
        }
    }

    /// <summary>Sends everything batched; a no-op when empty.</summary>
    public void Flush()
    {
        var count = _count;
        if (count == 0)
        {
            return;
        }

        _count = 0;
        var accepted = Endpoint.Send(_datagrams.AsSpan(0, count), _accepted);
        var sent = MonotonicClock.NowNanoseconds();
        if (Tap is { } tap && accepted > 0)
        {
            ShowTap(tap, count, sent);
        }

        RecordLateness(count, accepted == count, sent);
        for (var i = 0; i < count; i++)
        {
            _owners[i].OnSent(_accepted[i], sent);
            _owners[i] = null!;
            _datagrams[i].Buffer = null!;
            if (_copies[i] is { } copy)
            {
                _copyPools[i]!.Return(copy);
                _copies[i] = null;
                _copyPools[i] = null;
            }
        }
    }

    private void SendLarge(ISentFrameOwner owner, ReadOnlySpan<byte> frame, Ip4Endpoint destination)
    {
        // Rare (MD frames over 2 KiB): a pinned copy per send keeps the batch simple.
        var copy = GC.AllocateArray<byte>(frame.Length, pinned: true);
        frame.CopyTo(copy);
        _single[0] = new OutgoingDatagram { Buffer = copy, Offset = 0, Length = frame.Length, Destination = destination };
        var accepted = Endpoint.Send(_single) == 1;
        var sent = MonotonicClock.NowNanoseconds();
        if (accepted && Tap is { } tap)
        {
            tap.OnFrame(frame, Endpoint.LocalEndpoint, destination, sent);
        }

        _single[0] = default;
        owner.OnSent(accepted, sent);
    }

    /// <summary>The frames of the batch of <paramref name="count"/> that the socket took — not always the first ones: a
    /// frame refused in the middle (no route) is skipped and the rest still goes —, with the time the send call returned.</summary>
    private void ShowTap(IFrameTap tap, int count, long sent)
    {
        var source = Endpoint.LocalEndpoint;
        for (var i = 0; i < count; i++)
        {
            if (_accepted[i])
            {
                ref var datagram = ref _datagrams[i];
                tap.OnFrame(datagram.Payload, source, datagram.Destination, sent);
            }
        }
    }

    /// <summary>Records the lateness of the frames the socket took, in runs: frames of one tick share their intended
    /// time, and usually their group, so each run is one histogram update instead of one per telegram. Runs of
    /// <see cref="Unscheduled"/> frames are skipped, and so are refused frames (they did not leave).</summary>
    private void RecordLateness(int count, bool allAccepted, long sent)
    {
        var runStart = 0;
        var allStart = 0;
        for (var i = 1; i <= count; i++)
        {
            var end = i == count;
            if (end || _intended[i] != _intended[runStart] || !ReferenceEquals(_owners[i].SendLateness, _owners[runStart].SendLateness)
                || (!allAccepted && _accepted[i] != _accepted[runStart]))
            {
                if (_intended[runStart] != Unscheduled && _accepted[runStart])
                {
                    _owners[runStart].SendLateness?.Record(sent - _intended[runStart], i - runStart);
                }

                runStart = i;
            }

            if (end || _intended[i] != _intended[allStart] || (!allAccepted && _accepted[i] != _accepted[allStart]))
            {
                if (_intended[allStart] != Unscheduled && _accepted[allStart])
                {
                    _allLateness.Record(sent - _intended[allStart], i - allStart);
                }

                allStart = i;
            }
        }
    }
}
