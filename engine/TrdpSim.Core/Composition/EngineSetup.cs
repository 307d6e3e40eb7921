using TrdpSim.Plan;
using TrdpSim.Scheduling;
using TrdpSim.Transport;

namespace TrdpSim.Composition;

/// <summary>Turns a plan's engine settings (<see cref="EnginePlan"/>, the wait of <see cref="NetworkPlan"/>) into the
/// scheduling objects that carry them out: thread policies, the send grid, the wait strategy.</summary>
internal static class EngineSetup
{
    /// <summary>The thread policies, memory locking and receive interval asked for (privileges are checked on creation).</summary>
    public static EngineThreads Threads(EnginePlan engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var schedulingClass = engine.Realtime switch
        {
            RealtimePolicy.Fifo => SchedulingClass.Fifo,
            RealtimePolicy.RoundRobin => SchedulingClass.RoundRobin,
            _ => SchedulingClass.Normal,
        };
        var wheel = new ThreadPolicy(schedulingClass, engine.RealtimePriority, engine.WheelCpus);
        var receive = new ThreadPolicy(engine.RealtimeReceive ? schedulingClass : SchedulingClass.Normal, engine.RealtimePriority, engine.ReceiveCpus);
        return new EngineThreads(wheel, receive, engine.LockMemory)
        {
            ReceiveIntervalNanoseconds = (engine.ReceiveInterval
                ?? (engine.Realtime != RealtimePolicy.Off ? EnginePlan.DefaultRealtimeReceiveInterval : EnginePlan.DefaultReceiveInterval)).ToNanoseconds(),
        };
    }

    /// <summary>When the socket transport segments sends (<see cref="EnginePlan.SegmentSends"/>).</summary>
    public static UdpSegmentation Segmentation(SendSegmentation segmentation) => segmentation switch
    {
        SendSegmentation.On => UdpSegmentation.On,
        SendSegmentation.Off => UdpSegmentation.Off,
        _ => UdpSegmentation.WhileUncaptured,
    };

    /// <summary>The wait mode in effect: the precision wait spins without bound, which a real-time thread must never
    /// do, so with real-time scheduling it becomes the efficient wait (with its spin guard).</summary>
    public static WaitMode EffectiveWait(WaitMode requested, bool realtime) =>
        realtime && requested is WaitMode.Precision or WaitMode.Hybrid or WaitMode.Spin ? WaitMode.Efficient : requested;

    /// <summary>The send grid (ns): the configured one, else for the efficient wait 1 ms (200 µs with real-time
    /// scheduling asked for) and the wheel tick otherwise;
    /// never finer than the tick, and a whole number of ticks.</summary>
    public static long SendGridNanoseconds(EnginePlan engine, WaitMode wait, long tickNanoseconds)
    {
        ArgumentNullException.ThrowIfNull(engine);
        long grid = engine.SendGrid is { } configured ? configured.ToNanoseconds()
            : wait != WaitMode.Efficient ? tickNanoseconds
            : engine.Realtime != RealtimePolicy.Off ? EnginePlan.DefaultRealtimeSendGrid.ToNanoseconds()
            : EnginePlan.DefaultEfficientSendGrid.ToNanoseconds();
        grid = Math.Max(grid, tickNanoseconds);
        return grid / tickNanoseconds * tickNanoseconds;
    }

    /// <summary>How long the wheel may sleep through empty ticks: a whole revolution for the efficient and sleep
    /// waits (work from other threads wakes it), one tick for the precision and spin waits, which wake every tick.</summary>
    public static int MaxIdleTicks(WaitMode wait, int bucketCount) =>
        wait is WaitMode.Efficient or WaitMode.Sleep ? bucketCount : 1;

    /// <summary>The wait strategy for <paramref name="wait"/>; a real-time wheel gets a bounded spin.</summary>
    public static IWaitStrategy WaitStrategy(WaitMode wait, EnginePlan engine, bool realtime)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return wait switch
        {
            WaitMode.Sleep => new SleepWaitStrategy(),
            WaitMode.Spin => SpinWaitStrategy.Instance,
            WaitMode.Precision or WaitMode.Hybrid => new HybridWaitStrategy(),
            _ => new EfficientWaitStrategy(new EfficientWaitOptions
            {
                FixedWindowNanoseconds = engine.SpinWindow is { } window ? window.ToNanoseconds() : null,
                Budget = realtime ? SpinBudget.ForRealtime() : null,
            }),
        };
    }
}
