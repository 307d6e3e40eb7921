using TrdpSim.Protocol;
using TrdpSim.Scheduling;
using TrdpSim.Telemetry;
using TrdpSim.Transport;

namespace TrdpSim.Pipeline;

/// <summary>Drains one MD UDP socket and posts every datagram to the <see cref="WheelInbox"/>.</summary>
/// <remarks>Validation and session handling happen on the wheel thread; this thread only copies (and the
/// inbox wakes the wheel), so a flood of bad frames costs it little. An exception is counted and the loop
/// goes on. A return from a receive call later than its timeout by the stall threshold is recorded as a stall
/// of this thread.</remarks>
internal sealed class MdReceiveLoop
{
    private const int BatchSize = 32;
    private const int SlotBytes = 65536;
    private const int PollMilliseconds = 5;

    private readonly IUdpEndpoint _endpoint;
    private readonly WheelInbox _inbox;
    private readonly IInboundFrameHandler _handler;
    private readonly FrameArrival _arrival;
    private readonly RunTelemetry _telemetry;
    private readonly IncomingDatagram[] _slots = new IncomingDatagram[BatchSize];
    private readonly Thread _thread;
    private readonly IFrameTap? _tap;
    private readonly Ip4Endpoint _recordedDestination;
    private readonly StallProbe _stallProbe;
    private readonly string _name;
    private volatile bool _stopping;

    /// <param name="name">Names the thread.</param>
    /// <param name="endpoint">The MD socket.</param>
    /// <param name="inbox">Where frames go to the wheel thread.</param>
    /// <param name="handler">Who handles them there.</param>
    /// <param name="arrival">Which socket this is.</param>
    /// <param name="telemetry">Counts datagrams and rejects.</param>
    /// <param name="tap">Sees every datagram with its receive timestamp (a recording); null when nothing listens.</param>
    /// <param name="recordedDestination">The destination the tap is told (the socket's address, or its group).</param>
    public MdReceiveLoop(string name, IUdpEndpoint endpoint, WheelInbox inbox, IInboundFrameHandler handler, FrameArrival arrival, RunTelemetry telemetry,
        IFrameTap? tap = null, Ip4Endpoint recordedDestination = default)
    {
        _tap = tap;
        _recordedDestination = recordedDestination;
        _endpoint = endpoint;
        _inbox = inbox;
        _handler = handler;
        _arrival = arrival;
        _telemetry = telemetry;
        _name = name;
        _stallProbe = telemetry.Stalls.CreateProbe(StallSources.MdReceive, "md-" + name);
        // MD datagrams may be up to 65504 bytes; the slots live as long as the loop.
        var block = GC.AllocateArray<byte>(BatchSize * SlotBytes, pinned: true);
        for (var i = 0; i < BatchSize; i++)
        {
            _slots[i] = new IncomingDatagram { Buffer = block, Offset = i * SlotBytes, Capacity = SlotBytes };
        }

        _thread = new Thread(Run) { IsBackground = true, Name = "trdpsim-md-" + name };
    }

    public void Start()
    {
        // Due from now on, so a thread that is slow to start is seen as stalled while the first deadlines fall.
        _stallProbe.Due(MonotonicClock.NowNanoseconds());
        _thread.Start();
    }

    private void Run()
    {
        _telemetry.Threads.EnterReceiveThread("md-" + _name);
        _stallProbe.CheckIn(MonotonicClock.NowNanoseconds()); // records a late start
        while (!_stopping)
        {
            try
            {
                // The same stall watch as the PD loop: back within the call's timeout, or stalled.
                _stallProbe.Due(MonotonicClock.NowNanoseconds() + (PollMilliseconds * 1_000_000L));
                Poll(PollMilliseconds);
                _stallProbe.CheckIn(MonotonicClock.NowNanoseconds());
            }
            catch (ObjectDisposedException)
            {
                return;
            }
        }
    }

    /// <summary>One receive call (waiting up to <paramref name="timeoutMilliseconds"/>) and the posting of
    /// what it got. The loop's thread calls it; tests call it by hand with 0 to drive MD on one thread.</summary>
    internal int Poll(int timeoutMilliseconds)
    {
        var count = _endpoint.Receive(_slots, timeoutMilliseconds);
        if (count > 0)
        {
            var now = MonotonicClock.NowNanoseconds();
            Interlocked.Add(ref _telemetry.DatagramsReceived, count);
            for (var i = 0; i < count; i++)
            {
                ref var slot = ref _slots[i];
                _tap?.OnFrame(slot.Buffer.AsSpan(slot.Offset, slot.Length), slot.Source, _recordedDestination, now);
                if (slot.Truncated)
                {
                    _telemetry.Rejects.Increment(RejectReason.TooLong);
                    continue;
                }

                _inbox.Post(slot.Buffer.AsSpan(slot.Offset, slot.Length), slot.Source, now, _arrival, _handler);
            }
        }

        return count;
    }

    public void Stop()
    {
        _stopping = true;
        if (_thread.IsAlive)
        {
            _thread.Join(TimeSpan.FromSeconds(2));
        }
    }
}
