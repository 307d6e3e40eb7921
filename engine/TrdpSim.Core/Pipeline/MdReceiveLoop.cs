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
/// <param name="name">Names the thread.</param>
/// <param name="endpoint">The MD socket.</param>
/// <param name="inbox">Where frames go to the wheel thread.</param>
/// <param name="handler">Who handles them there.</param>
/// <param name="arrival">Which socket this is.</param>
/// <param name="telemetry">Counts datagrams and rejects.</param>
/// <param name="tap">Sees every datagram with its receive timestamp (a recording); null when nothing listens.</param>
/// <param name="recordedDestination">The destination the tap is told (the socket's address, or its group).</param>
/// <param name="face">The device's bus interface the socket is bound to (0 = a): answers leave on it.</param>
internal sealed class MdReceiveLoop(string name, IUdpEndpoint endpoint, WheelInbox inbox, IInboundFrameHandler handler,
    FrameArrival arrival, RunTelemetry telemetry, IFrameTap? tap = null, Ip4Endpoint recordedDestination = default, int face = 0)
{
    private const int BatchSize = 32;
    private const int SlotBytes = 65536;
    private const int PollMilliseconds = 5;

    // MD datagrams may be up to 65504 bytes.
    private readonly ReceiveThread _receiver = new("md-" + name, StallSources.MdReceive, BatchSize, SlotBytes, endpoint,
        telemetry, tap, recordedDestination);

    public void Start() => _receiver.Start(Run);

    private void Run()
    {
        while (!_receiver.Stopping)
        {
            // The same stall watch as the PD loop: back within the call's timeout, or stalled.
            if (!_receiver.TryReceiveWatched(PollMilliseconds, out var count, out var now))
            {
                return;
            }

            Post(count, now);
        }
    }

    /// <summary>One receive call (waiting up to <paramref name="timeoutMilliseconds"/>) and the posting of
    /// what it got. Tests call it by hand with 0 to drive MD on one thread.</summary>
    internal int Poll(int timeoutMilliseconds)
    {
        var count = _receiver.Receive(timeoutMilliseconds);
        Post(count, MonotonicClock.NowNanoseconds());
        return count;
    }

    /// <summary>Counts, taps and posts the <paramref name="count"/> datagrams just read at <paramref name="now"/>; each is
    /// timed from its arrival (<see cref="IncomingDatagram.ArrivedAt"/>).</summary>
    private void Post(int count, long now)
    {
        if (count <= 0)
        {
            return;
        }

        _receiver.Arrived(count, now);
        var slots = _receiver.Slots;
        for (var i = 0; i < count; i++)
        {
            ref var slot = ref slots[i];
            if (slot.Truncated)
            {
                _receiver.Telemetry.Rejects.Increment(RejectReason.TooLong);
                continue;
            }

            inbox.Post(slot.Payload, slot.Source, slot.ArrivedAt(now), arrival, handler, face: face);
        }
    }

    public void Stop() => _receiver.Stop();
}
