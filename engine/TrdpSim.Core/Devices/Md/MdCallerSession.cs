using TrdpSim.Pipeline;
using TrdpSim.Protocol;
using TrdpSim.Scheduling;
using TrdpSim.Transport;
using TrdpSim.Transport.Tcp;

namespace TrdpSim.Devices.Md;

/// <summary>One open request of a caller: waits for replies, retries, times out.</summary>
/// <remarks>Pooled per caller (at most its <c>max-outstanding</c>); wheel thread only. The frame is kept so a
/// retry re-sends the same request with the sequence counter + 1, as TCNopen does.</remarks>
internal sealed class MdCallerSession : WheelTimer, ISentFrameOwner
{
    internal MdCallerSession(MdCaller caller, int frameCapacity)
    {
        Caller = caller;
        Frame = GC.AllocateArray<byte>(frameCapacity, pinned: true);
    }

    public MdCaller Caller { get; }

    public SessionId SessionId { get; internal set; }

    public byte[] Frame { get; }

    public int FrameLength { get; internal set; }

    public Ip4Endpoint Destination { get; internal set; }

    public uint Sequence { get; internal set; }

    public int RetriesLeft { get; internal set; }

    /// <summary>Replies expected; 0 = unknown (multicast: collect until the timeout).</summary>
    public int Expected { get; internal set; }

    public int Replies { get; internal set; }

    /// <summary>The TCP connection the request was queued on while that connection was not up yet; null for UDP, once
    /// the connection was up, or where a fault stage decides when the frame goes. A connect that then fails dropped the
    /// request unsent (<see cref="MdStation.OnConnectFailed"/>).</summary>
    public TcpMdConnection? QueuedOn { get; internal set; }

    /// <summary>When the request was due: round trips are measured from here.</summary>
    public long IntendedNanoseconds { get; internal set; }

    /// <summary>When the session is over if nothing more arrives: the current reply timeout, or while no reply came and
    /// retries are left, the last retry's (each retry restarts the same timeout, trdp-wire.md §8.5).</summary>
    public long FinalDeadlineNanoseconds =>
        DeadlineNanoseconds + (Replies == 0 ? RetriesLeft * Caller.ReplyTimeoutNanoseconds : 0);

    /// <summary>When the transmission carrying <paramref name="sequence"/> was due (the first at the intended time, each
    /// retry at the timeout before it), or null when no transmission carried it.</summary>
    public long? SentNanoseconds(uint sequence) =>
        sequence <= Sequence ? IntendedNanoseconds + (sequence * Caller.ReplyTimeoutNanoseconds) : null;

    /// <summary>The socket's verdict on the request's first transmission (at the flush of the tick it was sent in).</summary>
    public void OnSent(bool accepted, long sentNanoseconds) => Caller.OnRequestSent(this, accepted);

    /// <inheritdoc />
    protected internal override void OnExpired(TimingWheel wheel, long nowNanoseconds) => Caller.OnReplyTimeout(this, wheel, nowNanoseconds);
}
