namespace TrdpSim.Scheduling;

/// <summary>Measured defaults for the engine's wheel: 1 ms tick, 1024 buckets, <see cref="SleepWaitStrategy"/>.</summary>
/// <remarks>
/// <para>Measured on the project's 2-vCPU VM with 10,000 periodic timers at 100 ms (100k firings/s), 5 s per
/// run; "busy" = three runs while other sessions kept 1.3–1.9 of the 2 cores busy, "quiet" = two runs on an
/// idle machine. Wake lateness p50 / p99, then process CPU (one core = 100 %):</para>
/// <list type="table">
/// <listheader><term>tick, strategy</term><description>quiet | busy</description></listheader>
/// <item><term>1 ms, sleep</term><description>81–88 µs / 0.18 ms, 8–9 % | 34–61 µs / 0.12–0.93 ms, 5–6 %</description></item>
/// <item><term>1 ms, hybrid (200 µs spin)</term><description>0.8–0.9 µs / 2.2–2.4 ms, 27 % | 0.7–1.1 µs / 2.8–4.7 ms, 18–24 %</description></item>
/// <item><term>100 µs, sleep</term><description>44–46 µs / 0.08 ms, 54 % | 23–29 µs / 0.05–0.57 ms, 29–35 %</description></item>
/// <item><term>100 µs, hybrid (= spin)</term><description>0.2 µs / 0.002–0.025 ms, 102 % | 0.2 µs / 2.1–2.2 ms, 69–71 %</description></item>
/// </list>
/// <para>Sleeping at 1 ms wins for the engine: its p99 is the best of the affordable options, because a
/// thread that spins is preempted for whole scheduler ticks (HZ = 250) whenever anything else wants its core,
/// and spinning takes CPU the send stage needs. A 1 ms tick costs 5–9 % of a core and groups ~100 telegrams
/// per wake-up (two 64-message <c>sendmmsg</c> calls) at 100k telegrams/s. Cycle deadlines not on the 1 ms
/// grid are rounded up to the next tick (up to 1 ms later); keep publication phases on whole milliseconds.
/// <see cref="HybridWaitStrategy"/> buys a ~1 µs median (not a better p99) for 20–27 % of a core; pure
/// spinning at 100 µs is the only way to a µs-level p99 and costs a whole core, only on a quiet host.</para>
/// <para>1024 buckets of 1 ms span 1.024 s, so cycles up to 1 s never need a second round.</para>
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
