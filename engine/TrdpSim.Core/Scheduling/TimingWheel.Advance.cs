using System.Runtime.CompilerServices;

namespace TrdpSim.Scheduling;

/// <summary>Advancing time and firing: the wheel's hot path.</summary>
public sealed partial class TimingWheel
{
    /// <summary>
    /// Fires the due list, then processes every tick whose end time is at or before <paramref name="nowNanoseconds"/>,
    /// in order, firing each bucket's entries whose tick has come.
    /// </summary>
    /// <returns>The number of timers fired.</returns>
    /// <remarks>
    /// After a stall, every missed tick is processed in this one call (nothing is skipped), so a timer that
    /// re-arms at <c>deadline + interval</c> fires once per missed cycle, each time with its own deadline; a
    /// publisher that prefers to skip missed cycles does so in its callback. A re-arm whose deadline falls in
    /// the tick being processed (interval shorter than a tick) fires on the next call, so a call always ends.
    /// Calls from inside a timer callback return 0. Allocation-free.
    /// </remarks>
    public int Advance(long nowNanoseconds)
    {
        if (_advancing)
        {
            return 0;
        }

        _advancing = true;
        int fired = 0;
        if (_buckets[_dueIndex].Head is not null)
        {
            fired += FireDueList(nowNanoseconds);
        }

        while (_nextTickTime <= nowNanoseconds)
        {
            if (_count == 0)
            {
                // Nothing can fire: jump straight past every elapsed tick (an idle wheel after a long stall).
                long skipped = ((nowNanoseconds - _nextTickTime) / _tickNanoseconds) + 1;
                _tick += skipped;
                _nextTickTime += skipped * _tickNanoseconds;
                break;
            }

            // Publish the tick before firing so re-arms into this tick go to the due list, not this bucket.
            long tick = ++_tick;
            _nextTickTime += _tickNanoseconds;
            int bucket = (int)(tick & _mask);
            if (_buckets[bucket].Head is not null)
            {
                fired += FireBucket(bucket, tick, nowNanoseconds);
            }
        }

        _advancing = false;
        return fired;
    }

    /// <summary>
    /// A cheap lower bound for the next time a timer can fire, for a driver that wants to sleep through empty
    /// ticks: looks at the due list and at most <paramref name="maxTicksToScan"/> upcoming buckets.
    /// </summary>
    /// <returns>
    /// <see cref="NextTickNanoseconds"/> if something is due or the next bucket is occupied; the end time of
    /// the first occupied bucket within the window; the end of the window if the scan found nothing (a
    /// timer may lie beyond it); <see cref="long.MaxValue"/> if the wheel is empty.
    /// </returns>
    /// <remarks>Never later than the true next firing tick. O(<paramref name="maxTicksToScan"/>) reads, no writes.</remarks>
    public long GetNextFireHintNanoseconds(int maxTicksToScan = 64)
    {
        if (_count == 0)
        {
            return long.MaxValue;
        }

        if (_buckets[_dueIndex].Head is not null)
        {
            return _nextTickTime;
        }

        int scan = maxTicksToScan < 1 ? 1 : maxTicksToScan > _mask + 1 ? _mask + 1 : maxTicksToScan;
        for (int i = 1; i <= scan; i++)
        {
            if (_buckets[(int)((_tick + i) & _mask)].Head is not null)
            {
                return _nextTickTime + ((i - 1) * _tickNanoseconds);
            }
        }

        // Every bucket scanned and all empty cannot happen with _count > 0 (the due list was empty), so this is
        // the end of a partial window: the earliest time an unscanned bucket can fire.
        return _nextTickTime + (scan * _tickNanoseconds);
    }

    private int FireBucket(int bucket, long tick, long nowNanoseconds)
    {
        int fired = 0;
        WheelTimer? node = _buckets[bucket].Head;
        while (node is not null)
        {
            // _cursor survives callbacks that cancel or move the next node (see Unlink).
            _cursor = node.Next;
            if (node.Tick <= tick)
            {
                Unlink(node);
                node.Owner = null;
                _count--;
                fired++;
                Fire(node, nowNanoseconds);
            }

            node = _cursor;
        }

        _cursor = null;
        return fired;
    }

    private int FireDueList(long nowNanoseconds)
    {
        // Move the due list aside first: entries re-armed into the due list by these callbacks must wait for
        // the next Advance, or a zero-interval timer would loop forever.
        WheelTimer? head = _buckets[_dueIndex].Head;
        _buckets[_firingIndex].Head = head;
        _buckets[_firingIndex].Tail = _buckets[_dueIndex].Tail;
        _buckets[_dueIndex].Head = null;
        _buckets[_dueIndex].Tail = null;
        for (WheelTimer? n = head; n is not null; n = n.Next)
        {
            n.ListIndex = _firingIndex;
        }

        int fired = 0;
        WheelTimer? node;
        while ((node = _buckets[_firingIndex].Head) is not null)
        {
            Unlink(node);
            node.Owner = null;
            _count--;
            fired++;
            Fire(node, nowNanoseconds);
        }

        return fired;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Fire(WheelTimer timer, long nowNanoseconds)
    {
        try
        {
            timer.OnExpired(this, nowNanoseconds);
        }
        catch (Exception ex)
        {
            // A faulty callback must not strand the rest of the bucket: count it and go on.
            RecordFault(ex);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RecordFault(Exception ex)
    {
        _faultCount++;
        _lastFault = ex;
    }
}
