using TrdpSim.Scheduling.Internal;

namespace TrdpSim.Scheduling;

/// <summary>A bound on busy-waiting: a token bucket of spin time that refills at <see cref="Share"/> of the
/// elapsed time, up to <see cref="BurstNanoseconds"/>.</summary>
/// <remarks>
/// <para><b>Why.</b> A thread under SCHED_FIFO/RR that spins keeps every lower-priority task off its core
/// (the kernel's RT throttling then freezes it for tens of milliseconds). With a budget the wait strategy
/// spins at most <see cref="Share"/> of the time on average and at most <see cref="BurstNanoseconds"/> at a
/// stretch, and sleeps through the rest, whatever the timers ask for.</para>
/// <para><b>Threading.</b> One owner thread (the wheel's); allocation-free.</para>
/// </remarks>
public sealed class SpinBudget
{
    private long _tokens;
    private long _last = long.MinValue;

    /// <summary>Creates a budget.</summary>
    /// <param name="share">Average fraction of the time that may be spent spinning, in (0, 1].</param>
    /// <param name="burstNanoseconds">Most spin time saved up, and so the longest single spin (&gt; 0).</param>
    public SpinBudget(double share, long burstNanoseconds)
    {
        if (!(share > 0 && share <= 1))
        {
            SchedulingThrow.ArgumentOutOfRange(nameof(share), "The spin share must be in (0, 1].");
        }

        if (burstNanoseconds <= 0)
        {
            SchedulingThrow.ArgumentOutOfRange(nameof(burstNanoseconds), "The burst must be positive.");
        }

        Share = share;
        BurstNanoseconds = burstNanoseconds;
        _tokens = burstNanoseconds;
    }

    /// <summary>The guard a real-time wheel thread gets by default: at most 25 % of the time spinning on
    /// average, at most 1 ms at a stretch (the efficient wait spins ~2–10 % at 1,000 wake-ups/s, so the
    /// guard only ever bites when something asks for far more).</summary>
    public static SpinBudget ForRealtime() => new(0.25, 1_000_000);

    /// <summary>Average fraction of the time that may be spent spinning.</summary>
    public double Share { get; }

    /// <summary>Largest amount of spin time that can be saved up.</summary>
    public long BurstNanoseconds { get; }

    /// <summary>Spin time refused so far because the budget was empty (ns): how often the guard held.</summary>
    public long DeniedNanoseconds { get; private set; }

    /// <summary>Spin time available now, after refilling for the time since the last call.</summary>
    public long Available(long nowNanoseconds)
    {
        if (_last != long.MinValue && nowNanoseconds > _last)
        {
            long refill = (long)((nowNanoseconds - _last) * Share);
            _tokens = Math.Min(BurstNanoseconds, _tokens + refill);
        }

        _last = Math.Max(_last, nowNanoseconds);
        return _tokens;
    }

    /// <summary>Spends <paramref name="spunNanoseconds"/> of spin time.</summary>
    public void Spend(long spunNanoseconds) => _tokens = Math.Max(0, _tokens - Math.Max(0, spunNanoseconds));

    /// <summary>Notes that a wait wanted <paramref name="wantedNanoseconds"/> of spin but got less.</summary>
    internal void Deny(long wantedNanoseconds) => DeniedNanoseconds += Math.Max(0, wantedNanoseconds);
}
