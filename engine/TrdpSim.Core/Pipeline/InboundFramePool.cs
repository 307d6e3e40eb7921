using System.Collections.Concurrent;

namespace TrdpSim.Pipeline;

/// <summary>The pinned frames of one size that the <see cref="WheelInbox"/> lends to receive threads, trimmed back after
/// a backlog has drained.</summary>
/// <remarks>
/// <para>A receive thread rents a frame (a new one only when none is idle and the pool is below its cap) and the wheel
/// thread gives it back once handled. The pool therefore grows to the deepest backlog the wheel has had: a host stall
/// of a few hundred milliseconds at 1,000 MD requests/s leaves hundreds of 2 KB frames, and a longer one thousands,
/// which a pool that never shrinks keeps for the rest of the run — every new longest stall adding resident memory for
/// good.</para>
/// <para>So the wheel thread, before each drain, notes how many frames are lent out (the backlog it is about to
/// handle, <see cref="NoteBacklog"/>), and once per <see cref="TrimIntervalNanoseconds"/> (<see cref="Trim"/>) lets go
/// of the idle frames above the larger of the floor and twice the deepest backlog of that interval, at most
/// <see cref="ReleasePerTrim"/> at a time; the next full collection gives their memory back. A run whose backlog stays
/// under the floor never releases a frame and so never allocates one again: the steady state is unchanged. Only the
/// wheel thread notes and trims (plain fields); renting and returning count the lent frames with one interlocked
/// operation each.</para>
/// </remarks>
internal sealed class InboundFramePool
{
    /// <summary>How often the pool may shrink, and how long a backlog's frames are kept after it drained.</summary>
    public const long TrimIntervalNanoseconds = 5_000_000_000;

    /// <summary>Frames released per trim at most, so that one trim is a short pause of the wheel thread.</summary>
    public const int ReleasePerTrim = 4096;

    private readonly ConcurrentBag<InboundFrame> _idle = [];
    private readonly int _frameBytes;
    private readonly int _max;
    private readonly int _floor;
    private int _created;
    private int _lent;
    private int _deepest;
    private long _nextTrim;

    /// <param name="frameBytes">The size of each frame.</param>
    /// <param name="max">Frames alive at most (the deepest backlog that can be carried).</param>
    /// <param name="floor">Frames kept however quiet the run: the steady state's backlog, with room to spare.</param>
    public InboundFramePool(int frameBytes, int max, int floor)
    {
        _frameBytes = frameBytes;
        _max = max;
        _floor = floor;
    }

    /// <summary>Frames alive: idle in the pool or lent out.</summary>
    public int Retained => Volatile.Read(ref _created);

    /// <summary>Frames lent out now (posted, not yet handled).</summary>
    public int Lent => Volatile.Read(ref _lent);

    /// <summary>An idle frame, a new one while below the cap, else null (any thread).</summary>
    public InboundFrame? Rent()
    {
        if (!_idle.TryTake(out var frame))
        {
            if (Interlocked.Increment(ref _created) > _max)
            {
                Interlocked.Decrement(ref _created);
                return null;
            }

            frame = new InboundFrame(_frameBytes);
        }

        Interlocked.Increment(ref _lent);
        return frame;
    }

    /// <summary>Takes a frame back (the wheel thread, after handling it; or the thread that rented it, when it could not
    /// queue it).</summary>
    public void Return(InboundFrame frame)
    {
        Interlocked.Decrement(ref _lent);
        _idle.Add(frame);
    }

    /// <summary>Notes the frames lent out now as a backlog (wheel thread, before it drains the inbox).</summary>
    public void NoteBacklog()
    {
        int lent = Volatile.Read(ref _lent);
        if (lent > _deepest)
        {
            _deepest = lent;
        }
    }

    /// <summary>Once per <see cref="TrimIntervalNanoseconds"/>: lets go of the idle frames above the larger of the floor
    /// and twice the deepest backlog since the last trim (wheel thread). Returns the frames released.</summary>
    public int Trim(long nowNanoseconds)
    {
        if (nowNanoseconds < _nextTrim)
        {
            return 0;
        }

        bool first = _nextTrim == 0;
        _nextTrim = nowNanoseconds + TrimIntervalNanoseconds;
        int keep = Math.Max(_floor, 2 * _deepest);
        _deepest = Volatile.Read(ref _lent);
        if (first)
        {
            return 0; // the interval starts now: the backlog noted so far was not measured over one
        }

        int surplus = Math.Min(Volatile.Read(ref _created) - keep, ReleasePerTrim);
        int released = 0;
        while (released < surplus && _idle.TryTake(out _))
        {
            Interlocked.Decrement(ref _created);
            released++;
        }

        return released;
    }
}
