using TrdpSim.Buffers;
using TrdpSim.Scheduling;
using TrdpSim.Telemetry;
using TrdpSim.Transport;

namespace TrdpSim.Pipeline;

/// <summary>A device's PD send socket and the batch of frames waiting for it in the current tick.</summary>
/// <remarks>
/// Wheel thread only. Frames due in one tick are collected and leave in one batched send
/// (<c>sendmmsg</c>) when the tick ends or the batch is full; lateness is measured after the send
/// call returns, so it includes the system call.
/// </remarks>
public sealed class DeviceSender : IFlushable
{
    /// <summary>Frames per send call (the transport's batch size).</summary>
    public const int BatchSize = 64;

    /// <summary>Intended time of a frame that leaves late on purpose (delayed or reordered by a fault):
    /// its send lateness is not recorded, since it would measure the fault, not the engine.</summary>
    public const long Unscheduled = long.MinValue;

    private readonly OutgoingDatagram[] _datagrams = new OutgoingDatagram[BatchSize];
    private readonly ISentFrameOwner[] _owners = new ISentFrameOwner[BatchSize];
    private readonly long[] _intended = new long[BatchSize];
    private readonly TelegramBuffer?[] _copies = new TelegramBuffer?[BatchSize];
    private readonly TelegramBufferPool?[] _copyPools = new TelegramBufferPool?[BatchSize];
    private readonly SendQueue _queue;
    private int _count;

    private readonly LatencyRecorder _allLateness;

    /// <param name="endpoint">The device's send socket.</param>
    /// <param name="queue">The send stage that flushes this batch at the end of each tick.</param>
    /// <param name="allLateness">Run-wide send lateness (every telegram of every device).</param>
    public DeviceSender(IUdpEndpoint endpoint, SendQueue queue, LatencyRecorder allLateness)
    {
        Endpoint = endpoint;
        _queue = queue;
        _allLateness = allLateness;
    }

    public IUdpEndpoint Endpoint { get; }

    /// <summary>Adds a prepared frame to the batch; sends at once if the batch is full.</summary>
    /// <param name="owner">The telegram the frame belongs to (destination, counters, lateness group).</param>
    /// <param name="frame">The frame; it must stay unchanged until the batch is flushed.</param>
    /// <param name="length">Valid bytes of <paramref name="frame"/>.</param>
    /// <param name="intendedNanoseconds">Cycle time, or <see cref="Unscheduled"/> to record no lateness.</param>
    public void Enqueue(ISentFrameOwner owner, byte[] frame, int length, long intendedNanoseconds) =>
        Add(owner, frame, length, intendedNanoseconds);

    /// <summary>Adds a copy of a telegram's frame (made by the fault stage) to the batch.</summary>
    /// <param name="owner">The telegram the copy belongs to (counters, lateness group).</param>
    /// <param name="copy">The frame copy; this sender returns it to <paramref name="pool"/> once it is sent.</param>
    /// <param name="pool">Where the copy was rented.</param>
    /// <param name="intendedNanoseconds">Cycle time, or <see cref="Unscheduled"/> to record no lateness.</param>
    public void EnqueueCopy(ISentFrameOwner owner, TelegramBuffer copy, TelegramBufferPool pool, long intendedNanoseconds)
    {
        _copies[_count] = copy;
        _copyPools[_count] = pool;
        Add(owner, copy.Block, copy.Length, intendedNanoseconds);
    }

    private void Add(ISentFrameOwner owner, byte[] frame, int length, long intendedNanoseconds)
    {
        if (_count == 0)
        {
            _queue.MarkPending(this);
        }

        ref var datagram = ref _datagrams[_count];
        datagram.Buffer = frame;
        datagram.Offset = 0;
        datagram.Length = length;
        datagram.Destination = owner.Destination;
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
        var accepted = Endpoint.Send(_datagrams.AsSpan(0, count));
        var sent = MonotonicClock.NowNanoseconds();
        RecordLateness(accepted, sent);
        for (var i = 0; i < count; i++)
        {
            _owners[i].OnSent(i < accepted, sent);
            _owners[i] = null!;
            if (_copies[i] is { } copy)
            {
                _copyPools[i]!.Return(copy);
                _copies[i] = null;
                _copyPools[i] = null;
            }
        }
    }

    /// <summary>Records lateness in runs: frames of one tick share their intended time, and usually
    /// their group, so each run is one histogram update instead of one per telegram. Runs of
    /// <see cref="Unscheduled"/> frames are skipped.</summary>
    private void RecordLateness(int accepted, long sent)
    {
        var runStart = 0;
        var allStart = 0;
        for (var i = 1; i <= accepted; i++)
        {
            var end = i == accepted;
            if (end || _intended[i] != _intended[runStart] || !ReferenceEquals(_owners[i].SendLateness, _owners[runStart].SendLateness))
            {
                if (_intended[runStart] != Unscheduled)
                {
                    _owners[runStart].SendLateness?.Record(sent - _intended[runStart], i - runStart);
                }

                runStart = i;
            }

            if (end || _intended[i] != _intended[allStart])
            {
                if (_intended[allStart] != Unscheduled)
                {
                    _allLateness.Record(sent - _intended[allStart], i - allStart);
                }

                allStart = i;
            }
        }
    }
}
