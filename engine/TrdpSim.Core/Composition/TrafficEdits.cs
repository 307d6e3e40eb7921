using TrdpSim.Devices;
using TrdpSim.Devices.Md;
using TrdpSim.Scheduling;

namespace TrdpSim.Composition;

/// <summary>The changes to a running telegram that the control surface and a scenario's load phases share:
/// one implementation of each, so a phase's ramp and a command behave alike.</summary>
/// <remarks>Wheel thread only (a command between ticks, or a wheel timer).</remarks>
internal static class TrafficEdits
{
    /// <summary>Changes a cycle; a shorter one takes effect at once (the pending send moves earlier), a
    /// longer one from the next send on.</summary>
    public static void SetCycle(TimingWheel wheel, long now, OutgoingTelegram telegram, long cycle)
    {
        ArgumentNullException.ThrowIfNull(wheel);
        ArgumentNullException.ThrowIfNull(telegram);
        var old = telegram.CycleNanoseconds;
        telegram.CycleNanoseconds = cycle;
        if (cycle < old && telegram.IsScheduled)
        {
            var earlier = telegram.DeadlineNanoseconds - old + cycle;
            if (earlier < telegram.DeadlineNanoseconds)
            {
                wheel.Schedule(telegram, Math.Max(earlier, now));
            }
        }
    }

    /// <summary>Takes a telegram out of a load phase's mix (<paramref name="parked"/>) or back in.</summary>
    public static void Park(OutgoingTelegram telegram, bool parked)
    {
        ArgumentNullException.ThrowIfNull(telegram);
        telegram.Parked = parked;
    }

    /// <summary>Switches a telegram off (power loss) or on again; independent of the silence fault.</summary>
    public static void Silence(OutgoingTelegram telegram, bool silenced)
    {
        ArgumentNullException.ThrowIfNull(telegram);
        telegram.Silenced = silenced;
    }

    /// <summary>Changes how often an MD caller calls, from its next call on.</summary>
    public static void SetCallInterval(MdCaller caller, long interval)
    {
        ArgumentNullException.ThrowIfNull(caller);
        caller.IntervalNanoseconds = Math.Max(1, interval);
    }
}
