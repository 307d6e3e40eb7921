namespace TrdpSim.Scheduling;

/// <summary>Measured defaults for the engine's wheel: 1 ms tick, 1024 buckets, <see cref="SleepWaitStrategy"/>.</summary>
/// <remarks>
/// <para>Measured on the project's 2-vCPU VM with 10,000 periodic timers at 100 ms (100k firings/s), 5 s per
/// run, two or three runs each (WheelDriverTimingTests.MeasureTickLateness). Wake lateness p50 / p99 and
/// process CPU (one core = 100 %); "quiet" = idle machine, "contended" = one core busy with another process:</para>
/// <list type="table">
/// <listheader><term>tick, strategy</term><description>quiet | contended</description></listheader>
/// <item><term>1 ms, sleep</term><description>81–88 µs / 0.18 ms, 8–9 % | 75–77 µs / 0.47–0.51 ms, 15–16 %</description></item>
/// <item><term>1 ms, hybrid (200 µs spin)</term><description>0.2 µs / 16–98 µs, 28 % | 0.3 µs / 1.4–1.5 ms, 28 %</description></item>
/// <item><term>100 µs, sleep</term><description>44–46 µs / 0.08 ms, 54 % | (busier machine) 23–29 µs / 0.05–0.57 ms, 29–35 %</description></item>
/// <item><term>100 µs, hybrid (= spin)</term><description>0.2 µs / 18–31 µs, 106 % | not measured</description></item>
/// </list>
/// <para>Sleeping at 1 ms is the default for a shared 2-core machine: the lowest CPU, and the best p99 as
/// soon as anything else competes for the cores (a spinner is preempted for whole 4 ms scheduler ticks),
/// leaving the send stage its core. It groups ~100 telegrams per wake-up (two 64-message
/// <c>sendmmsg</c> calls) at 100k telegrams/s. Cycle deadlines not on the 1 ms grid are rounded up to the next
/// tick (up to 1 ms later); keep publication phases on whole milliseconds. On a quiet or dedicated host
/// <see cref="HybridWaitStrategy"/> at 1 ms is the precise option: sub-µs median and sub-0.1 ms p99 for
/// ~28 % of a core. A 100 µs tick is not worth it: it costs 30–54 % (sleep) or a whole core (spin).</para>
/// <para>1024 buckets of 1 ms span 1.024 s, so cycles up to 1 s never need a second round.</para>
/// <para><b>What a run uses.</b> These measurements predate the wake signal and the efficient wait. A run
/// (the run host, through the engine set-up of the composition part) uses a 100 µs tick with
/// <see cref="EfficientWaitStrategy"/>: it sleeps through empty ticks and spins only a measured window before
/// each deadline, and traffic shaping puts first sends on a 1 ms grid, so it costs about what sleeping at 1 ms
/// costs while keeping 100 µs timer resolution. The precision wait (<see cref="HybridWaitStrategy"/> on every
/// tick) is the option for a host that gives trdpsim a core. The figures for both are in bench/RESULTS.md.</para>
/// </remarks>
public static class SchedulingDefaults
{
    /// <summary>Default tick: 1 ms.</summary>
    public const long TickNanoseconds = 1_000_000;

    /// <summary>Default bucket count: 1024 (one revolution = 1.024 s at the default tick).</summary>
    public const int BucketCount = 1024;

    /// <summary>Creates the default wait strategy: <see cref="SleepWaitStrategy"/> with 1 ns timer slack.</summary>
    public static IWaitStrategy CreateWaitStrategy() => new SleepWaitStrategy();

    /// <summary>Creates a wheel with the default tick and bucket count, starting now.</summary>
    /// <param name="maxPendingTimers">Cap on scheduled timers (default unbounded).</param>
    public static TimingWheel CreateWheel(int maxPendingTimers = int.MaxValue) =>
        new(TickNanoseconds, BucketCount, MonotonicClock.NowNanoseconds(), maxPendingTimers);
}
