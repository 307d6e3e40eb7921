using System.Numerics;
using System.Runtime.CompilerServices;
using TrdpSim.Scheduling.Internal;

namespace TrdpSim.Scheduling;

/// <summary>
/// A hashed timing wheel (netty <c>HashedWheelTimer</c> without the thread): a power-of-two ring of
/// intrusive doubly-linked buckets, one bucket per tick, advanced by hand with <see cref="Advance"/>.
/// </summary>
/// <remarks>
/// <para><b>Threading.</b> Single owner, not thread-safe, no threads inside. Until a <see cref="WheelDriver"/>
/// starts, the creating thread may use it; afterwards only the driver thread (commands, timer callbacks,
/// tick listener). Other threads go through <see cref="WheelDriver.Post"/>.</para>
/// <para><b>Time.</b> Tick <c>k</c> ends at <c>start + k·tick</c> (integer arithmetic, no drift). A timer with
/// deadline <c>d</c> belongs to the first tick <c>k</c> with <c>start + k·tick ≥ d</c> and fires when
/// <see cref="Advance"/> processes that tick, i.e. when <c>now ≥ start + k·tick ≥ d</c>: never early, at most
/// one tick late (plus the caller's own lateness). A deadline at or before the last processed tick goes to
/// a separate due list that fires at the start of the next <see cref="Advance"/> call.</para>
/// <para><b>Rounds.</b> Deadlines beyond one revolution share buckets with nearer ones; each entry keeps its
/// absolute target tick (equivalent to netty's <c>remainingRounds</c>, without decrementing), and a bucket
/// fires only entries whose tick has come.</para>
/// <para><b>Order.</b> Within a bucket, entries are kept in deadline order by a bounded backward scan on
/// insert (<see cref="MaxOrderScan"/> entries), which is exact for periodic re-arming and small buckets;
/// entries with equal deadlines fire in scheduling order.</para>
/// <para><b>Bounded.</b> At most <see cref="MaxPendingTimers"/> timers are pending; <see cref="Schedule"/>
/// returns false beyond that. Nothing allocates after construction.</para>
/// </remarks>
public sealed partial class TimingWheel
{
    /// <summary>How many later-deadline entries an insert steps over to keep a bucket ordered.</summary>
    public const int MaxOrderScan = 16;

    // PERF: one struct per list, not two arrays of WheelTimer: storing a reference into an array of a non-sealed
    // class costs a covariance check per store (TypeCast.StelemRef, 2.4 % of a saturation profile); a struct
    // field store does not.
    private readonly Bucket[] _buckets;
    private readonly int _mask;
    private readonly int _dueIndex;
    private readonly int _firingIndex;
    private readonly long _tickNanoseconds;
    private readonly long _startNanoseconds;
    private readonly int _maxPending;

    private long _tick;            // last processed tick; tick 0 is "start" and is never processed
    private long _nextTickTime;    // start + (_tick + 1) * tickNanoseconds, maintained incrementally
    private int _count;
    private bool _advancing;
    private WheelTimer? _cursor;   // next node of the bucket being fired; fixed up by Unlink
    private long _faultCount;
    private Exception? _lastFault;

    /// <summary>Creates a wheel.</summary>
    /// <param name="tickNanoseconds">Tick duration (resolution), &gt; 0; see <see cref="SchedulingDefaults"/> for the measured default.</param>
    /// <param name="bucketCount">Buckets per revolution, rounded up to a power of two (1 … 2^30).</param>
    /// <param name="startNanoseconds">Time of tick 0 in the <see cref="MonotonicClock"/> time base.</param>
    /// <param name="maxPendingTimers">Cap on scheduled timers (default: unbounded, <see cref="int.MaxValue"/>).</param>
    public TimingWheel(long tickNanoseconds, int bucketCount, long startNanoseconds, int maxPendingTimers = int.MaxValue)
    {
        if (tickNanoseconds <= 0)
        {
            SchedulingThrow.ArgumentOutOfRange(nameof(tickNanoseconds), "The tick must be positive.");
        }

        if (bucketCount <= 0 || bucketCount > (1 << 30))
        {
            SchedulingThrow.ArgumentOutOfRange(nameof(bucketCount), "The bucket count must be in 1 … 2^30.");
        }

        if (maxPendingTimers <= 0)
        {
            SchedulingThrow.ArgumentOutOfRange(nameof(maxPendingTimers), "The pending cap must be positive.");
        }

        int buckets = (int)BitOperations.RoundUpToPowerOf2((uint)bucketCount);
        _mask = buckets - 1;
        _dueIndex = buckets;
        _firingIndex = buckets + 1;
        _buckets = new Bucket[buckets + 2];
        _tickNanoseconds = tickNanoseconds;
        _startNanoseconds = startNanoseconds;
        _maxPending = maxPendingTimers;
        _nextTickTime = startNanoseconds + tickNanoseconds;
    }

    /// <summary>Tick duration in nanoseconds.</summary>
    public long TickNanoseconds => _tickNanoseconds;

    /// <summary>Number of buckets (a power of two); one revolution spans <c>BucketCount · TickNanoseconds</c>.</summary>
    public int BucketCount => _mask + 1;

    /// <summary>Time of tick 0.</summary>
    public long StartNanoseconds => _startNanoseconds;

    /// <summary>Number of ticks processed so far.</summary>
    public long CurrentTick => _tick;

    /// <summary>End time of the last processed tick (<c>start + CurrentTick · tick</c>).</summary>
    public long CurrentTickNanoseconds => _nextTickTime - _tickNanoseconds;

    /// <summary>Target time of the next tick, <c>start + (CurrentTick + 1) · tick</c>: what a driver sleeps until.</summary>
    public long NextTickNanoseconds => _nextTickTime;

    /// <summary>Number of scheduled timers.</summary>
    public int Count => _count;

    /// <summary>The pending cap given to the constructor.</summary>
    public int MaxPendingTimers => _maxPending;

    /// <summary>Number of exceptions thrown by <see cref="WheelTimer.OnExpired"/> and swallowed by the wheel.</summary>
    public long FaultCount => _faultCount;

    /// <summary>The last exception thrown by a timer callback, or null.</summary>
    public Exception? LastFault => _lastFault;

    /// <summary>Schedules <paramref name="timer"/> to fire at <paramref name="deadlineNanoseconds"/>.</summary>
    /// <returns>False if the wheel already holds <see cref="MaxPendingTimers"/> timers (the timer is not scheduled).</returns>
    /// <remarks>
    /// A timer that is already scheduled on this wheel is moved (even when the wheel is full). A deadline in
    /// the past fires on the next <see cref="Advance"/>. O(1) (plus the bounded ordering scan).
    /// Throws <see cref="InvalidOperationException"/> if the timer is scheduled on another wheel (a bug).
    /// </remarks>
    internal bool Schedule(WheelTimer timer, long deadlineNanoseconds)
    {
        if (timer is null)
        {
            SchedulingThrow.ArgumentNull(nameof(timer));
        }

        if (timer.Owner is not null)
        {
            if (!ReferenceEquals(timer.Owner, this))
            {
                SchedulingThrow.ForeignTimer();
            }

            Unlink(timer);
        }
        else if (_count >= _maxPending)
        {
            return false;
        }
        else
        {
            _count++;
        }

        long tick = TickOf(deadlineNanoseconds);
        timer.DeadlineNanoseconds = deadlineNanoseconds;
        timer.Tick = tick;
        timer.Owner = this;
        if (tick <= _tick)
        {
            // Already due: the due list fires, in insertion order, at the start of the next Advance.
            Append(timer, _dueIndex);
        }
        else
        {
            InsertOrdered(timer, (int)(tick & _mask));
        }

        return true;
    }

    /// <summary>Removes <paramref name="timer"/> from this wheel. O(1).</summary>
    /// <returns>False if the timer was not scheduled on this wheel (already fired, cancelled, or never scheduled).</returns>
    internal bool Cancel(WheelTimer timer)
    {
        if (timer is null || !ReferenceEquals(timer.Owner, this))
        {
            return false;
        }

        Unlink(timer);
        timer.Owner = null;
        _count--;
        return true;
    }

    /// <summary>First tick whose end time is at or after the deadline (ceiling division, overflow-free).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private long TickOf(long deadlineNanoseconds)
    {
        long offset = deadlineNanoseconds - _startNanoseconds;
        if (offset <= 0)
        {
            return 0;
        }

        long tick = offset / _tickNanoseconds;
        return tick * _tickNanoseconds < offset ? tick + 1 : tick;
    }

    private void Append(WheelTimer timer, int list)
    {
        WheelTimer? tail = _buckets[list].Tail;
        timer.ListIndex = list;
        timer.Next = null;
        timer.Prev = tail;
        if (tail is null)
        {
            _buckets[list].Head = timer;
        }
        else
        {
            tail.Next = timer;
        }

        _buckets[list].Tail = timer;
    }

    private void InsertOrdered(WheelTimer timer, int list)
    {
        // Walk back from the tail over at most MaxOrderScan entries with a later deadline; periodic re-arming
        // arrives in deadline order, so this is usually zero steps.
        long deadline = timer.DeadlineNanoseconds;
        WheelTimer? after = _buckets[list].Tail;
        for (int steps = 0; after is not null && after.DeadlineNanoseconds > deadline && steps < MaxOrderScan; steps++)
        {
            after = after.Prev;
        }

        timer.ListIndex = list;
        WheelTimer? before = after is null ? _buckets[list].Head : after.Next;
        Join(list, after, timer);
        Join(list, timer, before);
    }

    private void Unlink(WheelTimer timer)
    {
        int list = timer.ListIndex;
        WheelTimer? prev = timer.Prev;
        WheelTimer? next = timer.Next;
        if (ReferenceEquals(_cursor, timer))
        {
            // A callback removed the node the firing loop will visit next: step over it.
            _cursor = next;
        }

        Join(list, prev, next);
        timer.Next = null;
        timer.Prev = null;
    }

    /// <summary>Makes <paramref name="next"/> follow <paramref name="prev"/> in list <paramref name="list"/>; a
    /// null <paramref name="prev"/> makes <paramref name="next"/> the head, a null <paramref name="next"/> makes
    /// <paramref name="prev"/> the tail. Linking a timer in is two joins, unlinking it is one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Join(int list, WheelTimer? prev, WheelTimer? next)
    {
        if (prev is null)
        {
            _buckets[list].Head = next;
        }
        else
        {
            prev.Next = next;
        }

        if (next is null)
        {
            _buckets[list].Tail = prev;
        }
        else
        {
            next.Prev = prev;
        }
    }

    /// <summary>The head and tail of one intrusive list (a bucket, the due list or the firing list).</summary>
    private struct Bucket
    {
        public WheelTimer? Head;
        public WheelTimer? Tail;
    }
}
