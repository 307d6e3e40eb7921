using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TrdpSim.Scheduling.Internal;

namespace TrdpSim.Scheduling;

/// <summary>
/// Ends one thread's timed sleep early when another thread has work for it: the owner sleeps until an
/// absolute deadline <em>or</em> a <see cref="Wake"/>, whichever comes first.
/// </summary>
/// <remarks>
/// <para><b>Use.</b> A producer first publishes its work (enqueues), then calls <see cref="Wake"/>. The owner
/// calls <see cref="Reset"/> before it looks for work, then, with nothing left, <see cref="SleepUntil"/>. A wake
/// that comes at any point after <see cref="Reset"/> makes the next <see cref="SleepUntil"/> return at once, so
/// no wake is lost and no work waits for the deadline.</para>
/// <para><b>Cost.</b> <see cref="Wake"/> is one read when a wake is already pending, one interlocked exchange
/// when the owner is awake, and a <c>futex</c> system call only when the owner is actually asleep.</para>
/// <para><b>How.</b> On Linux (x64, arm64) the owner waits on a futex with an absolute CLOCK_MONOTONIC
/// timeout (<c>FUTEX_WAIT_BITSET</c>), which is as precise as <c>clock_nanosleep</c>; elsewhere it waits on a
/// managed event in whole milliseconds and returns early for the caller to spin the rest.</para>
/// <para><b>Threading.</b> <see cref="Wake"/> and <see cref="IsPending"/>: any thread. <see cref="Reset"/> and
/// <see cref="SleepUntil"/>: the owning thread only. Allocation-free after construction.</para>
/// </remarks>
internal sealed unsafe class WakeSignal
{
    private const int Awake = 0;
    private const int Sleeping = 1;

    // The futex word needs a fixed address: a pinned array (lives as long as this object; no free, so a late
    // Wake from another thread can never touch released memory). One cache line keeps it off others' lines.
    private readonly int[] _word = GC.AllocateArray<int>(16, pinned: true);
    private readonly object? _fallback = LinuxFutex.IsSupported ? null : new object();
    private int _pending;
    private long _sleepStarted;
    private long _interruptedAt;

    /// <summary>True between a <see cref="Wake"/> and the owner's next <see cref="Reset"/>.</summary>
    public bool IsPending => Volatile.Read(ref _pending) != 0;

    /// <summary>When a waker ended the owner's latest <see cref="SleepUntil"/> (its own clock reading, never before that
    /// sleep began), or 0 when nobody did; taking it clears it (owner only, after its wait).</summary>
    /// <remarks>The owner's stall check starts from here: the time between a wake and the owner running is its
    /// stall. The waker records the time but never touches the owner's promise itself: by the time a waker's
    /// <c>futex</c> call returns, the owner may have run a whole round and promised its next deadline, which a late
    /// write from the waker would then have moved back to the old wake — a stall of up to a whole sleep that never
    /// was.</remarks>
    public long TakeInterruptedAt()
    {
        // One read on most wake-ups (nobody ended the sleep); the exchange only when there is a stamp to take.
        long at = Volatile.Read(ref _interruptedAt) == 0 ? 0 : Interlocked.Exchange(ref _interruptedAt, 0);
        return at == 0 ? 0 : Math.Max(at, _sleepStarted);
    }

    /// <summary>Asks the owner to look for work now (any thread; never blocks).</summary>
    /// <returns>True when this call woke a sleeping owner (the only case that costs a system call).</returns>
    public bool Wake()
    {
        if (Volatile.Read(ref _pending) != 0)
        {
            return false; // the owner has not reset since the last wake: it will look anyway
        }

        // Publish the wake before reading the owner's state (full fence); the owner does the reverse, so
        // one of the two always sees the other.
        Interlocked.Exchange(ref _pending, 1);
        ref int word = ref _word[0];
        if (Volatile.Read(ref word) != Sleeping)
        {
            return false;
        }

        // Stamped before the word is taken, so the owner finds it when it wakes; the first waker of a sleep wins.
        Interlocked.CompareExchange(ref _interruptedAt, MonotonicClock.NowNanoseconds(), 0);
        if (Interlocked.CompareExchange(ref word, Awake, Sleeping) != Sleeping)
        {
            return false;
        }

        if (_fallback is { } gate)
        {
            lock (gate)
            {
                Monitor.PulseAll(gate);
            }
        }
        else
        {
            LinuxFutex.WakeOne((int*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_word)));
        }

        return true;
    }

    /// <summary>Clears a pending wake (owner, before it looks for work).</summary>
    public void Reset() => Volatile.Write(ref _pending, 0);

    /// <summary>Sleeps until CLOCK_MONOTONIC reaches <paramref name="deadlineNanoseconds"/> or a wake comes
    /// (owner only). Returns at once when a wake is pending.</summary>
    /// <returns>True when a wake is pending (the sleep was cut short or never began).</returns>
    /// <remarks>Linux: never returns before the deadline unless woken. Elsewhere it may return up to about a
    /// millisecond early (whole-millisecond waits); callers spin the rest.</remarks>
    public bool SleepUntil(long deadlineNanoseconds)
    {
        ref int word = ref _word[0];
        _sleepStarted = MonotonicClock.NowNanoseconds();
        Volatile.Write(ref _interruptedAt, 0);
        Interlocked.Exchange(ref word, Sleeping);
        try
        {
            if (_fallback is { } gate)
            {
                SleepFallback(gate, deadlineNanoseconds);
                return IsPending;
            }

            int* address = (int*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_word));
            while (Volatile.Read(ref _pending) == 0 && MonotonicClock.NowNanoseconds() < deadlineNanoseconds)
            {
                // EINTR (a signal) and EAGAIN (a waker flipped the word just now) both loop back to the check.
                _ = LinuxFutex.WaitUntil(address, Sleeping, deadlineNanoseconds);
                if (Volatile.Read(ref word) != Sleeping)
                {
                    break; // a waker took the word: its wake is pending
                }
            }

            return IsPending;
        }
        finally
        {
            Volatile.Write(ref word, Awake);
        }
    }

    private void SleepFallback(object gate, long deadlineNanoseconds)
    {
        const long NanosecondsPerMillisecond = 1_000_000;
        lock (gate)
        {
            // The pending flag is checked under the lock a waker pulses under: no wake is missed.
            long remaining;
            while (Volatile.Read(ref _pending) == 0 &&
                   (remaining = deadlineNanoseconds - MonotonicClock.NowNanoseconds()) >= NanosecondsPerMillisecond)
            {
                Monitor.Wait(gate, (int)Math.Min(remaining / NanosecondsPerMillisecond, int.MaxValue));
            }
        }
    }
}
