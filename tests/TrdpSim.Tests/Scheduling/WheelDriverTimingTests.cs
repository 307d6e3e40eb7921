using TrdpSim.Scheduling;
using Xunit.Abstractions;

namespace TrdpSim.Tests.Scheduling;

/// <summary>Wall-clock tests. The first runs in CI with a generous window (the VM is noisy); the measurement
/// runs only with <c>TRDPSIM_MANUAL=1</c> (<c>dotnet test --filter Category=Manual</c>).</summary>
[Collection(WallClockCollection.Name)]
public sealed class WheelDriverTimingTests(ITestOutputHelper output)
{
    private const long Millisecond = 1_000_000;

    [Fact]
    public void HybridDriverFiresOneMillisecondTimerOnTimeForThreeHundredMilliseconds()
    {
        // The VM is shared and noisy: a run passes if any of three attempts meets the window.
        string report = string.Empty;
        for (int attempt = 1; attempt <= 3; attempt++)
        {
            (bool ok, report) = RunThreeHundredMilliseconds();
            output.WriteLine($"attempt {attempt}: {report}");
            if (ok)
            {
                return;
            }
        }

        Assert.Fail(report);
    }

    private static (bool Ok, string Report) RunThreeHundredMilliseconds()
    {
        var wheel = new TimingWheel(Millisecond, 64, MonotonicClock.NowNanoseconds());
        var timer = new LatenessTimer(Millisecond, 300);
        wheel.Schedule(timer, wheel.StartNanoseconds + Millisecond);
        using var driver = new WheelDriver(wheel, new HybridWaitStrategy());
        driver.Start();
        Assert.True(timer.Done.Wait(TimeSpan.FromSeconds(10)), $"only {timer.Count} of 300 fired");
        long elapsedMs = (MonotonicClock.NowNanoseconds() - wheel.StartNanoseconds) / Millisecond;
        Assert.True(driver.Stop());

        // Hard guarantees: every fire happened, none early, the grid was not stretched.
        Assert.Equal(300, timer.Count);
        Assert.True(timer.Percentile(0) >= 0, "fired before its deadline");
        Assert.True(elapsedMs >= 300, $"300 fires took only {elapsedMs} ms");

        // Soft, noise-dependent window.
        long median = timer.Percentile(0.5);
        string report = $"300 fires in {elapsedMs} ms; lateness p50 {median} ns, p99 {timer.Percentile(0.99)} ns, max {timer.Percentile(1)} ns";
        return (median < 2 * Millisecond && elapsedMs <= 2_000, report);
    }

    [Theory]
    [Trait("Category", "Manual")]
    [InlineData("hybrid", 100_000)]
    [InlineData("sleep", 100_000)]
    [InlineData("hybrid", 1_000_000)]
    [InlineData("sleep", 1_000_000)]
    public void MeasureTickLateness(string strategy, long tickNanoseconds)
    {
        if (Environment.GetEnvironmentVariable("TRDPSIM_MANUAL") != "1")
        {
            return;
        }

        const int seconds = 5;
        IWaitStrategy inner = strategy == "hybrid" ? new HybridWaitStrategy() : new SleepWaitStrategy();
        var recorder = new RecordingWaitStrategy(inner, (int)(seconds * 2_000_000_000L / tickNanoseconds));
        var wheel = new TimingWheel(tickNanoseconds, 2048, MonotonicClock.NowNanoseconds(), maxPendingTimers: 20_000);
        var timers = new CyclicTimer[10_000]; // the target load: 10,000 publications at 100 ms
        for (int i = 0; i < timers.Length; i++)
        {
            long first = wheel.StartNanoseconds + (100 * Millisecond) + (i * 9_973L);
            timers[i] = new CyclicTimer(first, 100 * Millisecond);
            wheel.Schedule(timers[i], first);
        }

        using var driver = new WheelDriver(wheel, recorder);
        TimeSpan cpu0 = Environment.CpuUsage.TotalTime;
        double busy0 = MachineBusySeconds();
        long t0 = MonotonicClock.NowNanoseconds();
        driver.Start();
        Thread.Sleep(TimeSpan.FromSeconds(seconds));
        Assert.True(driver.Stop());
        double wall = (MonotonicClock.NowNanoseconds() - t0) / 1e9;
        double cpu = (Environment.CpuUsage.TotalTime - cpu0).TotalSeconds;
        double otherCores = (MachineBusySeconds() - busy0 - cpu) / wall;
        long fired = timers.Sum(t => t.Fired);
        long early = timers.Sum(t => t.EarlyFires);

        long[] late = recorder.Samples();
        Array.Sort(late);
        string line = $"MEASURE strategy={strategy} tick_us={tickNanoseconds / 1000} wakes={late.Length} fired={fired} early={early} " +
            $"p50_us={At(late, 0.5) / 1e3:F1} p90_us={At(late, 0.9) / 1e3:F1} p99_us={At(late, 0.99) / 1e3:F1} p999_us={At(late, 0.999) / 1e3:F1} " +
            $"max_us={late[^1] / 1e3:F1} cpu_pct={100 * cpu / wall:F1} stats_p99_le_us={driver.Stats.GetApproximateQuantileNanoseconds(0.99) / 1e3:F1} errors={driver.Stats.Errors} other_cores={otherCores:F2}";
        output.WriteLine(line);
        File.AppendAllText(Path.Combine(Path.GetTempPath(), "trdpsim-wheel-measure.txt"), line + Environment.NewLine);
        Assert.Equal(0, early);
    }

    /// <summary>Busy CPU seconds of the whole machine from /proc/stat (user+nice+system+irq+softirq+steal), 0 elsewhere.</summary>
    private static double MachineBusySeconds()
    {
        if (!File.Exists("/proc/stat"))
        {
            return 0;
        }

        string[] f = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long busy = long.Parse(f[1]) + long.Parse(f[2]) + long.Parse(f[3]) + long.Parse(f[6]) + long.Parse(f[7]) + long.Parse(f[8]);
        return busy / 100.0; // USER_HZ
    }

    private static long At(long[] sorted, double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];

    private sealed class LatenessTimer(long interval, int max) : WheelTimer
    {
        private readonly long[] _lateness = new long[max];

        public ManualResetEventSlim Done { get; } = new();

        public int Count { get; private set; }

        public long Percentile(double q)
        {
            long[] sorted = _lateness[..Count];
            Array.Sort(sorted);
            return sorted.Length == 0 ? 0 : At(sorted, Math.Max(q, 1e-9));
        }

        protected internal override void OnExpired(TimingWheel wheel, long nowNanoseconds)
        {
            _lateness[Count++] = nowNanoseconds - DeadlineNanoseconds;
            if (Count < max)
            {
                wheel.Schedule(this, DeadlineNanoseconds + interval);
            }
            else
            {
                Done.Set();
            }
        }
    }

    /// <summary>Decorator that records exact wake lateness (after the inner wait returns) per wake-up.</summary>
    private sealed class RecordingWaitStrategy(IWaitStrategy inner, int capacity) : IWaitStrategy
    {
        private readonly long[] _samples = new long[capacity];
        private int _count;

        public long[] Samples() => _samples[..Math.Min(_count, _samples.Length)];

        public void WaitUntil(long deadlineNanoseconds)
        {
            inner.WaitUntil(deadlineNanoseconds);
            Record(deadlineNanoseconds);
        }

        public bool WaitUntil(long deadlineNanoseconds, WakeSignal wake)
        {
            bool woken = inner.WaitUntil(deadlineNanoseconds, wake);
            if (!woken)
            {
                Record(deadlineNanoseconds);
            }

            return woken;
        }

        private void Record(long deadlineNanoseconds)
        {
            long late = MonotonicClock.NowNanoseconds() - deadlineNanoseconds;
            if (_count < _samples.Length)
            {
                _samples[_count++] = late;
            }
        }
    }
}
