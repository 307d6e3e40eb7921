using TrdpSim.Scheduling;
using TrdpSim.Telemetry;
using TrdpSim.Transport;

namespace TrdpSim.Pipeline;

/// <summary>Carries received frames that the wheel thread must answer — MD frames and PD pull requests — from
/// receive threads to the wheel thread, where every session and every send lives.</summary>
/// <remarks>
/// Keeping all session state on one thread (the wheel's) means session tables, retries and confirm
/// timers need no locks. Receive threads copy each frame into a pooled pinned frame (two sizes: small
/// for the usual short frames, large up to 65504 bytes) and enqueue it in a bounded lock-free MPSC
/// ring, then wake the wheel (<see cref="Posted"/>, the driver's <see cref="WheelDriver.Wake"/>), which drains
/// the ring before it fires its timers. A full ring or pool drops the frame and counts it
/// (<see cref="RunTelemetry.MdInboxDrops"/>): never blocks a receive thread, never grows without bound, and gives back
/// the frames of a backlog once it has drained (<see cref="InboundFramePool"/>).
/// Round trips and reply delays are measured from the receive timestamp, so the hop adds no error.
/// </remarks>
internal sealed class WheelInbox
{
    /// <summary>Frames up to this size use the small pool.</summary>
    public const int SmallFrameBytes = 2048;

    /// <summary>Small frames kept however quiet the run (512 KB): a steady backlog stays far below it.</summary>
    public const int SmallFloor = 256;

    /// <summary>Large frames kept however quiet the run.</summary>
    public const int LargeFloor = 2;

    private readonly MpscBoundedQueue<InboundFrame> _queue;
    private readonly InboundFramePool _small;
    private readonly InboundFramePool _large;
    private readonly RunTelemetry _telemetry;

    public WheelInbox(RunTelemetry telemetry, int capacity = 16384, int maxLarge = 64)
    {
        _telemetry = telemetry;
        _queue = new MpscBoundedQueue<InboundFrame>(capacity);
        _small = new InboundFramePool(SmallFrameBytes, capacity, SmallFloor);
        _large = new InboundFramePool(Protocol.MdFrame.MaxFrameSize, maxLarge, LargeFloor);
    }

    /// <summary>The pool of small frames (tests: what a backlog left behind).</summary>
    internal InboundFramePool SmallFrames => _small;

    /// <summary>Called after every frame is queued: the wheel driver's <see cref="WheelDriver.Wake"/>, so a frame is
    /// handled when it arrives rather than at the wheel's next deadline (set before the run starts; null in
    /// tests that drain by hand).</summary>
    public Action? Posted { get; set; }

    /// <summary>Copies a datagram in and queues it (any thread), with the receiving device's interface it arrived on
    /// (<paramref name="face"/>, 0 = a; see <see cref="InboundFrame.Face"/>). False when dropped (counted).</summary>
    public bool Post(ReadOnlySpan<byte> datagram, Ip4Endpoint source, long receivedNanoseconds, FrameArrival arrival, IInboundFrameHandler handler,
        TrdpSim.Transport.Tcp.TcpMdConnection? connection = null, int face = 0)
    {
        var frame = Rent(datagram.Length);
        if (frame is null)
        {
            Interlocked.Increment(ref _telemetry.MdInboxDrops);
            return false;
        }

        datagram.CopyTo(frame.Block);
        frame.Length = datagram.Length;
        frame.Source = source;
        frame.ReceivedNanoseconds = receivedNanoseconds;
        frame.Arrival = arrival;
        frame.Handler = handler;
        frame.Connection = connection;
        frame.Face = face;
        if (_queue.TryEnqueue(frame))
        {
            Posted?.Invoke();
            return true;
        }

        Return(frame);
        Interlocked.Increment(ref _telemetry.MdInboxDrops);
        return false;
    }

    /// <summary>Hands every queued frame to its station (wheel thread), at most <paramref name="max"/> (0: as many as
    /// the ring holds).</summary>
    /// <remarks>The wheel fires its due timers right after this drain, so a frame left queued would meet a session its
    /// timeout had already closed: a reply that arrived in time would count as a timeout and a late reply. So the
    /// wake-up drains the whole backlog, however long (a wheel stall at a high MD rate leaves thousands); the bound of
    /// one ring's worth only keeps frames that keep arriving from holding the wheel for ever.</remarks>
    public int Drain(long nowNanoseconds, int max = 0)
    {
        if (max <= 0)
        {
            max = _queue.Capacity;
        }

        // What is lent out now is the backlog this drain handles: the pools keep twice the deepest for a while.
        _small.NoteBacklog();
        _large.NoteBacklog();
        var handled = 0;
        while (handled < max && _queue.TryDequeue(out var frame) && frame is not null)
        {
            handled++;
            try
            {
                frame.Handler!.Handle(frame, nowNanoseconds);
            }
            catch (Exception)
            {
                // A bug in one frame's handling must not stop MD for everyone else.
                Interlocked.Increment(ref _telemetry.EngineErrors);
            }
            finally
            {
                Return(frame);
            }
        }

        // One comparison per wake-up until an interval has passed; then frames a drained backlog left idle go.
        _small.Trim(nowNanoseconds);
        _large.Trim(nowNanoseconds);
        return handled;
    }

    private InboundFrame? Rent(int length)
    {
        if (length <= SmallFrameBytes)
        {
            return _small.Rent();
        }

        return length > Protocol.MdFrame.MaxFrameSize ? null : _large.Rent();
    }

    private void Return(InboundFrame frame)
    {
        frame.Handler = null;
        frame.Connection = null;
        (frame.Block.Length == SmallFrameBytes ? _small : _large).Return(frame);
    }
}
