using TrdpSim.Devices;
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

    private readonly OutgoingDatagram[] _datagrams = new OutgoingDatagram[BatchSize];
    private readonly OutgoingTelegram[] _owners = new OutgoingTelegram[BatchSize];
    private readonly long[] _intended = new long[BatchSize];
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
    public void Enqueue(OutgoingTelegram telegram, long intendedNanoseconds)
    {
        if (_count == 0)
        {
            _queue.MarkPending(this);
        }

        ref var datagram = ref _datagrams[_count];
        datagram.Buffer = telegram.Frame;
        datagram.Offset = 0;
        datagram.Length = telegram.FrameLength;
        datagram.Destination = telegram.Destination;
        _owners[_count] = telegram;
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
        }
    }

    /// <summary>Records lateness in runs: frames of one tick share their intended time, and usually
    /// their group, so each run is one histogram update instead of one per telegram.</summary>
    private void RecordLateness(int accepted, long sent)
    {
        var runStart = 0;
        var allStart = 0;
        for (var i = 1; i <= accepted; i++)
        {
            var end = i == accepted;
            if (end || _intended[i] != _intended[runStart] || !ReferenceEquals(_owners[i].SendLateness, _owners[runStart].SendLateness))
            {
                _owners[runStart].SendLateness?.Record(sent - _intended[runStart], i - runStart);
                runStart = i;
            }

            if (end || _intended[i] != _intended[allStart])
            {
                _allLateness.Record(sent - _intended[allStart], i - allStart);
                allStart = i;
            }
        }
    }
}
