namespace TrdpSim.Tests.Scheduling;

/// <summary>Records every expiry (deadline, now) into preallocated arrays.</summary>
internal sealed class RecordingTimer : WheelTimer
{
    private readonly long[] _deadlines;
    private readonly long[] _nows;

    public RecordingTimer(int capacity = 16, int id = 0)
    {
        _deadlines = new long[capacity];
        _nows = new long[capacity];
        Id = id;
    }

    public int Id { get; }

    public int FiredCount { get; private set; }

    public Action<TimingWheel, RecordingTimer>? OnFire { get; set; }

    public long DeadlineAt(int i) => _deadlines[i];

    public long NowAt(int i) => _nows[i];

    protected internal override void OnExpired(TimingWheel wheel, long nowNanoseconds)
    {
        if (FiredCount < _deadlines.Length)
        {
            _deadlines[FiredCount] = DeadlineNanoseconds;
            _nows[FiredCount] = nowNanoseconds;
        }

        FiredCount++;
        OnFire?.Invoke(wheel, this);
    }
}

/// <summary>A cyclic timer that re-arms from its scheduled deadline and checks the grid itself
/// (no per-fire storage, so it can run for millions of cycles without allocating).</summary>
internal sealed class CyclicTimer : WheelTimer
{
    public CyclicTimer(long firstDeadline, long interval, long maxLatenessNanoseconds = long.MaxValue)
    {
        FirstDeadline = firstDeadline;
        Interval = interval;
        MaxLateness = maxLatenessNanoseconds;
    }

    public long FirstDeadline { get; }

    public long Interval { get; }

    public long MaxLateness { get; }

    public long Fired { get; private set; }

    public long GridErrors { get; private set; }

    public long EarlyFires { get; private set; }

    public long LateFires { get; private set; }

    public long LastNow { get; private set; }

    public bool Stop { get; set; }

    protected internal override void OnExpired(TimingWheel wheel, long nowNanoseconds)
    {
        if (DeadlineNanoseconds != FirstDeadline + (Fired * Interval))
        {
            GridErrors++;
        }

        if (nowNanoseconds < DeadlineNanoseconds)
        {
            EarlyFires++;
        }

        if (nowNanoseconds - DeadlineNanoseconds > MaxLateness)
        {
            LateFires++;
        }

        Fired++;
        LastNow = nowNanoseconds;
        if (!Stop)
        {
            wheel.Schedule(this, DeadlineNanoseconds + Interval);
        }
    }
}

/// <summary>The publisher-side policy the wheel must allow: skip missed cycles, count them as dropped,
/// and stay on the original grid.</summary>
internal sealed class SkippingCyclicTimer : WheelTimer
{
    public SkippingCyclicTimer(long interval) => Interval = interval;

    public long Interval { get; }

    public long Fired { get; private set; }

    public long Dropped { get; private set; }

    protected internal override void OnExpired(TimingWheel wheel, long nowNanoseconds)
    {
        Fired++;
        long next = DeadlineNanoseconds + Interval;
        if (next <= nowNanoseconds)
        {
            long missed = ((nowNanoseconds - next) / Interval) + 1;
            Dropped += missed;
            next += missed * Interval;
        }

        wheel.Schedule(this, next);
    }
}
