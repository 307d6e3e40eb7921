namespace TrdpSim.Tests.Thresholds;

/// <summary>Aggregations, spans (whole run, windows, sustained) and aborts, on synthetic telemetry with a
/// hand-driven clock: every check happens at an exact run second.</summary>
public sealed class ThresholdMonitorTests
{
    private const long Second = 1_000_000_000;
    private const long Ms = 1_000_000;

    private readonly RunTelemetry _telemetry = new("test");
    private readonly TelegramCounters _publisher;
    private readonly TelegramCounters _subscriber;
    private readonly TelegramGroup _publish;
    private readonly TelegramGroup _subscribe;
    private readonly MdGroup _caller;
    private readonly ManualTimeSource _clock = new(5 * Second);

    public ThresholdMonitorTests()
    {
        _publish = _telemetry.AddGroup("a", "out", TelegramRole.Publish, 1000);
        _publisher = _publish.AddInstance();
        _subscribe = _telemetry.AddGroup("b", "in", TelegramRole.Subscribe, 1000);
        _subscriber = _subscribe.AddInstance();
        _caller = _telemetry.AddMdGroup(new MdGroup("a", "ask", MdRole.Caller, 2000, "udp request"));
    }

    [Fact]
    public void CountEqualsZeroFailsOnceATimeoutHappened()
    {
        using var monitor = Monitor(Threshold("pd_timeouts{device=b}", "count == 0"));
        Run(monitor, 3, _ => { });
        _subscriber.Timeouts = 1;
        Run(monitor, 2, _ => { });
        ThresholdResult result = Assert.Single(monitor.Finish().Thresholds);
        Assert.False(result.Passed);
        Assert.Equal(1, result.Observed);
        Assert.Equal(TimeSpan.FromSeconds(4), result.FailedAt);
        Assert.Contains("failed at 00:04: count=1 ≠ 0", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void LossRatioIsLostOverExpected()
    {
        using var monitor = Monitor(Threshold("pd_loss_ratio{comId=1000}", "rate < 0.01"), Threshold("pd_loss_ratio", "rate < 2%"));
        _subscriber.Received = 980;
        _subscriber.Lost = 20;
        Run(monitor, 1, _ => { });
        ThresholdReport report = monitor.Finish();
        Assert.False(report.Thresholds[0].Passed);
        Assert.Equal(0.02, report.Thresholds[0].Observed, 9);
        Assert.False(report.Thresholds[1].Passed);
        Assert.False(report.Passed);
    }

    [Fact]
    public void WholeRunRuleIsDecidedByTheFinalValue()
    {
        // Early loss that the run outgrows: violated live at second 1, passes at the end (k6 semantics).
        using var monitor = Monitor(Threshold("pd_loss_ratio", "rate < 0.01"));
        _subscriber.Received = 9;
        _subscriber.Lost = 1;
        Run(monitor, 1, _ => { });
        Assert.False(monitor.IsOk(0));
        Run(monitor, 9, s => _subscriber.Received += 1000);
        Assert.True(monitor.IsOk(0));
        Assert.True(Assert.Single(monitor.Finish().Thresholds).Passed);
    }

    [Fact]
    public void PerSecondDividesByRunTime()
    {
        using var monitor = Monitor(Threshold("pd_sent{role=publish}", "per_second > 90"), Threshold("pd_sent", "per_second > 110"));
        Run(monitor, 10, _ => _publisher.Sent += 100);
        ThresholdReport report = monitor.Finish();
        Assert.True(report.Thresholds[0].Passed, report.Thresholds[0].Detail);
        Assert.Equal(100, report.Thresholds[0].Observed, 6);
        Assert.False(report.Thresholds[1].Passed);
    }

    [Fact]
    public void LatencyAggregationsReadTheMergedHistogram()
    {
        for (int i = 1; i <= 100; i++)
        {
            _publish.Lateness.Record(i * 10_000); // 10 µs … 1 ms
        }

        using var monitor = Monitor(
            Threshold("pd_send_lateness{device=a}", "p(99) < 1ms"),
            Threshold("pd_send_lateness", "p(50) <= 510us"),
            Threshold("pd_send_lateness", "med >= 490us"),
            Threshold("pd_send_lateness", "avg < 520us"),
            Threshold("pd_send_lateness", "max < 1ms"),
            Threshold("pd_send_lateness", "min < 11us"),
            Threshold("pd_send_lateness", "count == 100"),
            Threshold("pd_jitter", "p(99) < 1ms"));
        Run(monitor, 1, _ => { });
        ThresholdReport report = monitor.Finish();
        Assert.True(report.Thresholds[0].Passed); // p99 = 990 µs (±1 %)
        Assert.True(report.Thresholds[1].Passed, report.Thresholds[1].Detail);
        Assert.True(report.Thresholds[2].Passed, report.Thresholds[2].Detail);
        Assert.True(report.Thresholds[3].Passed, report.Thresholds[3].Detail);
        Assert.False(report.Thresholds[4].Passed); // max = 1 ms, not < 1 ms
        Assert.True(report.Thresholds[5].Passed, report.Thresholds[5].Detail);
        Assert.True(report.Thresholds[6].Passed, report.Thresholds[6].Detail);
        Assert.True(report.Thresholds[7].Passed); // no jitter samples: no data never fails
        Assert.Equal("passed: no data", report.Thresholds[7].Detail);
    }

    [Fact]
    public void MdRoundTripAndErrorsComeFromCallers()
    {
        _caller.Latency.Record(3 * Ms);
        _caller.Counters.Calls = 100;
        _caller.Counters.Timeouts = 2;
        _caller.Counters.ErrorOther = 1;
        using var monitor = Monitor(
            Threshold("md_rtt{telegram=ask}", "p(99) < 2ms"),
            Threshold("md_timeout_ratio", "rate <= 0.02"),
            Threshold("md_errors{role=caller}", "count == 0"));
        Run(monitor, 1, _ => { });
        ThresholdReport report = monitor.Finish();
        Assert.False(report.Thresholds[0].Passed);
        Assert.Contains("p(99)=3.00ms ≥ 2.00ms", report.Thresholds[0].Detail, StringComparison.Ordinal);
        Assert.True(report.Thresholds[1].Passed);
        Assert.False(report.Thresholds[2].Passed);
    }

    [Fact]
    public void GaugeMustHoldAtEveryCheck()
    {
        using var monitor = Monitor(Threshold("pd_timed_out", "value == 0"));
        Run(monitor, 2, _ => { });
        _subscriber.TimedOut = 1;
        Run(monitor, 1, _ => { });
        _subscriber.TimedOut = 0;
        Run(monitor, 5, _ => { });
        ThresholdResult result = Assert.Single(monitor.Finish().Thresholds);
        Assert.False(result.Passed);
        Assert.Equal(TimeSpan.FromSeconds(3), result.FailedAt);
    }

    [Fact]
    public void RejectsAndEngineFiguresAreReadable()
    {
        _telemetry.Rejects.Increment(RejectReason.BadFcs);
        _telemetry.Rejects.Increment(RejectReason.TooShort);
        using var monitor = Monitor(
            Threshold("rejects{reason=bad_fcs}", "count == 1"),
            Threshold("rejects", "count == 2"),
            Threshold("engine_errors", "count == 0"));
        Run(monitor, 1, _ => { });
        Assert.True(monitor.Finish().Passed);
    }

    [Fact]
    public void WindowFailsWhenAnySlidingWindowViolates()
    {
        // 100 losses per second in seconds 31..35 only; at most 50 losses in any 10 s window allowed.
        using var monitor = Monitor(Threshold("pd_lost", "count <= 50", over: TimeSpan.FromSeconds(10)));
        Run(monitor, 30, _ => _subscriber.Lost += 1);
        Run(monitor, 5, _ => _subscriber.Lost += 100);
        Run(monitor, 30, _ => { });
        ThresholdResult result = Assert.Single(monitor.Finish().Thresholds);
        Assert.False(result.Passed);
        // The first window over 50: seconds 22..31 hold 9 + 100 = 109 at second 31.
        Assert.Equal(TimeSpan.FromSeconds(31), result.FailedAt);
        Assert.Equal(109, result.Observed);
        Assert.Equal(1, monitor.Evaluator(0).StepSeconds);
        Assert.Equal(10, monitor.Evaluator(0).WindowSlots);
    }

    [Fact]
    public void WindowPassesAndReportsTheWorstWindow()
    {
        using var monitor = Monitor(Threshold("pd_lost", "per_second < 20", over: TimeSpan.FromSeconds(10)));
        Run(monitor, 20, s => _subscriber.Lost += s == 15 ? 150 : 1);
        ThresholdResult result = Assert.Single(monitor.Finish().Thresholds);
        Assert.True(result.Passed, result.Detail);
        Assert.Equal(15.9, result.Observed, 6);
        Assert.StartsWith("passed: worst window per_second=15.9", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void LatencyWindowSeesOnlyItsOwnSamples()
    {
        // Slow sends (5 ms) in seconds 1..3 only: the cumulative p99 stays high for ever, but the
        // 10 s windows after second 13 see only the fast ones.
        using var early = Monitor(Threshold("pd_send_lateness", "p(99) < 2ms", over: TimeSpan.FromSeconds(10)));
        Run(early, 30, s => _publish.Lateness.Record(s <= 3 ? 5 * Ms : 100_000, 100));
        ThresholdResult result = Assert.Single(early.Finish().Thresholds);
        Assert.False(result.Passed);
        Assert.Equal(TimeSpan.FromSeconds(10), result.FailedAt);

        var telemetry = new RunTelemetry("late");
        TelegramGroup group = telemetry.AddGroup("a", "out", TelegramRole.Publish, 1000);
        var clock = new ManualTimeSource();
        using var late = new ThresholdMonitor([Threshold("pd_send_lateness", "p(99) < 2ms", over: TimeSpan.FromSeconds(10))], telemetry, clock);
        late.Start();
        for (int s = 1; s <= 30; s++)
        {
            group.Lateness.Record(s is > 20 and <= 22 ? 5 * Ms : 100_000, 100);
            clock.Advance(Second);
            late.EvaluateNow();
            if (s == 20)
            {
                Assert.True(late.IsOk(0));
            }
        }

        ThresholdResult second = Assert.Single(late.Finish().Thresholds);
        Assert.False(second.Passed);
        Assert.Equal(TimeSpan.FromSeconds(21), second.FailedAt);
    }

    [Fact]
    public void SustainedRuleFailsOnlyAfterAnUnbrokenViolation()
    {
        using var monitor = Monitor(Threshold("pd_timed_out", "value == 0", sustained: TimeSpan.FromSeconds(5)));
        Run(monitor, 2, _ => { });
        _subscriber.TimedOut = 1;
        Run(monitor, 4, _ => { }); // violated at 3, 4, 5, 6: 3 s long
        _subscriber.TimedOut = 0;
        Run(monitor, 2, _ => { });
        Assert.True(monitor.IsOk(0));
        _subscriber.TimedOut = 1;
        Run(monitor, 6, _ => { }); // violated from 9: fails at 14
        ThresholdResult result = Assert.Single(monitor.Finish().Thresholds);
        Assert.False(result.Passed);
        Assert.Equal(TimeSpan.FromSeconds(14), result.FailedAt);
        Assert.Contains("(violated for 5s)", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void SustainedRuleThatRecoversPasses()
    {
        using var monitor = Monitor(Threshold("pd_loss_ratio", "rate < 0.5", sustained: TimeSpan.FromSeconds(3)));
        _subscriber.Lost = 10;
        Run(monitor, 2, _ => { });
        Run(monitor, 5, _ => _subscriber.Received += 100);
        Assert.True(Assert.Single(monitor.Finish().Thresholds).Passed);
    }

    [Fact]
    public void AbortWaitsForTheGracePeriod()
    {
        ThresholdPlan threshold = Threshold("pd_timeouts", "count == 0");
        threshold.AbortOnFail = true;
        threshold.Grace = TimeSpan.FromSeconds(10);
        using var monitor = Monitor(threshold);
        _subscriber.Timeouts = 1;
        Run(monitor, 9, _ => { });
        Assert.False(monitor.AbortRequested.IsCancellationRequested);
        Assert.Null(monitor.AbortReason);
        Run(monitor, 1, _ => { });
        Assert.True(monitor.AbortRequested.IsCancellationRequested);
        Assert.Equal("threshold pd_timeouts: count == 0 failed at 00:01: count=1 ≠ 0; aborting", monitor.AbortReason);
        ThresholdReport report = monitor.Finish();
        Assert.True(report.Thresholds[0].AbortedRun);
        Assert.False(report.Passed);
        Assert.Equal(monitor.AbortReason, report.AbortReason);
    }

    [Fact]
    public void LatchedFailureBeforeTheGraceAbortsWhenItEnds()
    {
        ThresholdPlan threshold = Threshold("pd_lost", "count == 0", over: TimeSpan.FromSeconds(2));
        threshold.AbortOnFail = true;
        threshold.Grace = TimeSpan.FromSeconds(5);
        using var monitor = Monitor(threshold);
        Run(monitor, 3, s => _subscriber.Lost += s == 2 ? 1 : 0);
        Assert.False(monitor.IsOk(0));
        Assert.False(monitor.AbortRequested.IsCancellationRequested);
        Run(monitor, 2, _ => { });
        Assert.True(monitor.AbortRequested.IsCancellationRequested);
        Assert.Contains("failed at 00:02", monitor.AbortReason, StringComparison.Ordinal);
    }

    [Fact]
    public void ScenarioFailureFailsTheRun()
    {
        using var monitor = Monitor();
        Run(monitor, 3, _ => { });
        monitor.Fail("door never closed", new SourceLocation("s.js", 12, 5));
        ThresholdReport report = monitor.Finish();
        Assert.False(report.Passed);
        RunFailure failure = Assert.Single(report.Failures);
        Assert.Equal(TimeSpan.FromSeconds(3), failure.At);
        Assert.Equal("s.js:12:5", failure.Origin.ToString());
    }

    [Fact]
    public void SelectorsThatMatchNothingAreReported()
    {
        ThresholdPlan typo = Threshold("pd_lost{device=zz}", "count == 0");
        typo.Origin = new SourceLocation("t.toml", 4, 10);
        using var monitor = Monitor(typo, Threshold("pd_jitter{comId=1000}", "max < 1s"));
        PlanError error = Assert.Single(monitor.Unmatched());
        Assert.Equal("t.toml:4:10: error: threshold 'pd_lost{device=zz}' matches no pd_lost series of this run (check device, telegram, comId and role)", error.ToString());
    }

    [Fact]
    public void ShortRunStillChecksItsOnlyPartialWindow()
    {
        using var monitor = Monitor(Threshold("pd_lost", "count == 0", over: TimeSpan.FromSeconds(60)));
        Run(monitor, 5, s => _subscriber.Lost += s == 3 ? 1 : 0);
        Assert.False(Assert.Single(monitor.Finish().Thresholds).Passed);
    }

    [Fact]
    public void LongWindowMemoryStaysFlat()
    {
        // A one-hour p99 window over a simulated three-hour run with a spread of latencies every second:
        // the ring holds at most MaxSlots slots, and what it retains after the first hour does not grow.
        using var monitor = Monitor(Threshold("pd_send_lateness", "p(99) < 50ms", over: TimeSpan.FromHours(1)));
        var random = new Random(7);
        long retainedAfterOneHour = 0;
        Run(monitor, 3 * 3600, s =>
        {
            for (int k = 0; k < 50; k++)
            {
                _publish.Lateness.Record(random.Next(1_000, 20_000_000));
            }

            if (s == 3600)
            {
                retainedAfterOneHour = monitor.Evaluator(0).WindowRetainedBytes;
            }
        });
        ThresholdEvaluator evaluator = monitor.Evaluator(0);
        Assert.Equal(ThresholdEvaluator.MaxSlots, evaluator.WindowSlots);
        Assert.Equal(30, evaluator.StepSeconds);
        long retained = evaluator.WindowRetainedBytes;
        Assert.True(retained <= retainedAfterOneHour * 1.2, $"window kept {retained} bytes after 3 h, {retainedAfterOneHour} after 1 h");
        Assert.True(retained < 4 * 1024 * 1024, $"window kept {retained} bytes");
        Assert.True(Assert.Single(monitor.Finish().Thresholds).Passed);
    }

    private ThresholdMonitor Monitor(params ThresholdPlan[] thresholds)
    {
        var monitor = new ThresholdMonitor(thresholds, _telemetry, _clock);
        monitor.Start();
        return monitor;
    }

    /// <summary>Advances <paramref name="seconds"/> run seconds, calling <paramref name="during"/> with the
    /// second number (1-based, run time) before each check.</summary>
    private void Run(ThresholdMonitor monitor, int seconds, Action<int> during)
    {
        for (int i = 0; i < seconds; i++)
        {
            int second = (int)((_clock.NowNanoseconds() - (5 * Second)) / Second) + 1;
            during(second);
            _clock.Advance(Second);
            monitor.EvaluateNow();
        }
    }

    private static ThresholdPlan Threshold(string metric, string rule, TimeSpan? over = null, TimeSpan? sustained = null)
    {
        Assert.True(ThresholdSyntax.TryParse(metric, rule, out ThresholdPlan threshold, out ThresholdSyntaxError error), error.Message);
        threshold.Over = over;
        threshold.For = sustained;
        return threshold;
    }
}
