using TrdpSim.Scheduling;

namespace TrdpSim.Tests.Scheduling;

/// <summary>An <see cref="IWaitClock"/> on manual time: a sleep lands its deadline plus the next scripted overshoot
/// (the kernel's wake-up latency), a spin step costs <see cref="SpinStepNanoseconds"/>, and a wake can be
/// scripted to arrive at a given time, ending a sleep or a spin there.</summary>
internal sealed class ManualWaitClock(long start = 1_000_000_000) : IWaitClock
{
    private readonly Queue<long> _overshoots = new();

    public long Time { get; set; } = start;

    /// <summary>Overshoot of sleeps once the script is used up.</summary>
    public long DefaultOvershootNanoseconds { get; set; }

    public long SpinStepNanoseconds { get; set; } = 1_000;

    public int SleepCalls { get; private set; }

    public long SleptNanoseconds { get; private set; }

    public long SpunNanoseconds { get; private set; }

    /// <summary>When set, the given wake signal is woken once the clock reaches this time.</summary>
    public (long At, WakeSignal Signal)? ScriptedWake { get; set; }

    public void Overshoots(params long[] values)
    {
        foreach (var value in values)
        {
            _overshoots.Enqueue(value);
        }
    }

    public long Now() => Time;

    public void SleepUntil(long deadlineNanoseconds, WakeSignal? wake)
    {
        SleepCalls++;
        if (wake is { IsPending: true })
        {
            return;
        }

        var overshoot = _overshoots.Count > 0 ? _overshoots.Dequeue() : DefaultOvershootNanoseconds;
        var end = Math.Max(Time, deadlineNanoseconds + overshoot);
        if (ScriptedWake is { } scripted && scripted.At < end)
        {
            end = Math.Max(Time, scripted.At);
            scripted.Signal.Wake();
            ScriptedWake = null;
        }

        SleptNanoseconds += end - Time;
        Time = end;
    }

    public void SpinOnce()
    {
        Time += SpinStepNanoseconds;
        SpunNanoseconds += SpinStepNanoseconds;
        if (ScriptedWake is { } scripted && Time >= scripted.At)
        {
            scripted.Signal.Wake();
            ScriptedWake = null;
        }
    }
}
