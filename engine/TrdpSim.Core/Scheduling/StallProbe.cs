namespace TrdpSim.Scheduling;

/// <summary>One thread's promise of when it will run again, checked by the <see cref="StallMonitor"/>.</summary>
/// <remarks>
/// <para><b>Use.</b> Before it blocks, the thread says by when it will be back (<see cref="Due"/>: the wheel's
/// next deadline, a receive call's timeout); after it wakes, it checks in with the time it sees
/// (<see cref="CheckIn"/>). Back later than due + the monitor's threshold is a stall of this thread — the
/// host did not run it, or it was busy — and is recorded as the interval [due, check-in]. A thread waiting
/// for work with no deadline is <see cref="Idle"/>. While a thread is overdue, queries see the stall in
/// progress before the thread itself has noticed it.</para>
/// <para><b>Threading.</b> <see cref="Due"/>, <see cref="Idle"/> and <see cref="CheckIn"/>: the owning thread.
/// <see cref="DueNoLaterThan"/>: any thread, but a waker must not call it after its wake: by then the owner may have run
/// and promised its next deadline, which the late call would move back (the wheel applies the time of the wake that
/// ended its sleep itself, <see cref="WakeSignal.TakeInterruptedAt"/>). Allocation-free.</para>
/// </remarks>
public sealed class StallProbe
{
    private readonly StallMonitor _monitor;
    private long _due = long.MaxValue;

    internal StallProbe(StallMonitor monitor, StallSources source, string name)
    {
        _monitor = monitor;
        Source = source;
        Name = name;
    }

    /// <summary>Which kind of thread this is.</summary>
    public StallSources Source { get; }

    /// <summary>The thread's name (for reports).</summary>
    public string Name { get; }

    /// <summary>When the thread promised to run again (<see cref="long.MaxValue"/> when idle).</summary>
    public long DueNanoseconds => Volatile.Read(ref _due);

    /// <summary>Stalls recorded for this thread (count, total and longest in ns); written under the
    /// monitor's lock, read by reports.</summary>
    internal long Count;
    internal long TotalNanoseconds;
    internal long LongestNanoseconds;

    /// <summary>The end of the last interval recorded for this thread: a later one is clipped to it, so
    /// overlapping reports of one thread are not counted twice.</summary>
    internal long LastEndNanoseconds = long.MinValue;

    /// <summary>The thread will run again by <paramref name="nanoseconds"/>.</summary>
    public void Due(long nanoseconds) => Volatile.Write(ref _due, nanoseconds);

    /// <summary>The thread waits for work with no deadline: not due, never stalled.</summary>
    public void Idle() => Volatile.Write(ref _due, long.MaxValue);

    /// <summary>Moves the promise earlier (the thread was woken before its deadline: it was due from the wake on).</summary>
    public void DueNoLaterThan(long nanoseconds)
    {
        long current = Volatile.Read(ref _due);
        while (nanoseconds < current)
        {
            long seen = Interlocked.CompareExchange(ref _due, nanoseconds, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    /// <summary>The thread runs at <paramref name="nowNanoseconds"/>: records a stall when that is later than
    /// due + the threshold. From here the thread is due now: busy longer than the threshold before it promises
    /// again (<see cref="Due"/>, <see cref="Idle"/>) shows as a stall in progress. Cheap when on time.</summary>
    /// <returns>True when a stall was recorded.</returns>
    public bool CheckIn(long nowNanoseconds)
    {
        long due = Volatile.Read(ref _due);
        Volatile.Write(ref _due, nowNanoseconds);
        if (due == long.MaxValue || nowNanoseconds - due <= _monitor.ThresholdNanoseconds)
        {
            return false;
        }

        _monitor.Record(this, due, nowNanoseconds);
        return true;
    }
}
