namespace TrdpSim.Tests.Thresholds;

public sealed class ThresholdSyntaxTests
{
    [Theory]
    [InlineData("pd_loss_ratio{comId=1000}", "rate < 0.01", ThresholdAggregation.Rate, ThresholdComparison.Less, 0.01, false)]
    [InlineData("pd_loss_ratio", "rate <= 1%", ThresholdAggregation.Rate, ThresholdComparison.LessOrEqual, 0.01, false)]
    [InlineData("pd_send_lateness{device=a}", "p(99) < 2ms", ThresholdAggregation.Percentile, ThresholdComparison.Less, 2e6, true)]
    [InlineData("pd_jitter", "avg <= 500us", ThresholdAggregation.Avg, ThresholdComparison.LessOrEqual, 5e5, true)]
    [InlineData("md_rtt", "max < 5ms", ThresholdAggregation.Max, ThresholdComparison.Less, 5e6, true)]
    [InlineData("pull_rtt", "med>=1.5s", ThresholdAggregation.Median, ThresholdComparison.GreaterOrEqual, 1.5e9, true)]
    [InlineData("pd_timeouts", "count == 0", ThresholdAggregation.Count, ThresholdComparison.Equal, 0, false)]
    [InlineData("pd_sent", "per_second > 9000", ThresholdAggregation.PerSecond, ThresholdComparison.Greater, 9000, false)]
    [InlineData("md_timeout_ratio", "value < 0.001", ThresholdAggregation.Value, ThresholdComparison.Less, 0.001, false)]
    [InlineData("pd_timed_out", "value != 3", ThresholdAggregation.Value, ThresholdComparison.NotEqual, 3, false)]
    [InlineData("wheel_lateness", "min < 1e3ns", ThresholdAggregation.Min, ThresholdComparison.Less, 1000, true)]
    [InlineData("pd_jitter", "count > 10", ThresholdAggregation.Count, ThresholdComparison.Greater, 10, false)]
    public void GoodRulesParse(string metric, string rule, ThresholdAggregation aggregation, ThresholdComparison comparison, double limit, bool duration)
    {
        Assert.True(ThresholdSyntax.TryParse(metric, rule, out ThresholdPlan threshold, out ThresholdSyntaxError error), error.Message);
        Assert.Equal(aggregation, threshold.Rule.Aggregation);
        Assert.Equal(comparison, threshold.Rule.Comparison);
        Assert.Equal(limit, threshold.Rule.Limit, 6);
        Assert.Equal(duration, threshold.Rule.LimitIsDuration);
    }

    [Fact]
    public void SelectorTagsAreKeptInOrderAndQuotedValuesUnquoted()
    {
        Assert.True(ThresholdSyntax.TryParse("pd_lost { device = a, telegram = \"door state\", comId=1000, role=subscribe }", "count == 0", out ThresholdPlan t, out ThresholdSyntaxError e), e.Message);
        Assert.Equal("pd_lost", t.Metric.Name);
        Assert.Equal([new TagFilter("device", "a"), new TagFilter("telegram", "door state"), new TagFilter("comId", "1000"), new TagFilter("role", "subscribe")], t.Metric.Tags);
        Assert.Equal("door state", t.Metric.Tag("telegram"));
    }

    [Fact]
    public void PercentileKeepsItsFraction()
    {
        Assert.True(ThresholdSyntax.TryParse("pd_jitter", "p(99.9) < 1ms", out ThresholdPlan t, out _));
        Assert.Equal(99.9, t.Rule.Percentile);
    }

    [Theory]
    // Selector problems: offset into the metric text.
    [InlineData("pd_los", "count == 0", true, 0, "unknown metric 'pd_los' (valid: pd_sent, pd_received")]
    [InlineData("pd_lost{colour=red}", "count == 0", true, 8, "unknown tag 'colour' for 'pd_lost' (valid: device, telegram, comId, role)")]
    [InlineData("pd_lost{comId=x1}", "count == 0", true, 14, "comId must be a non-negative integer")]
    [InlineData("pd_lost{role=caller}", "count == 0", true, 13, "unknown role 'caller' (valid: publish, subscribe, pull)")]
    [InlineData("rejects{reason=bad_crc}", "count == 0", true, 15, "unknown reason 'bad_crc' (valid: too_short")]
    [InlineData("engine_errors{device=a}", "count == 0", true, 14, "metric 'engine_errors' has no tags")]
    [InlineData("pd_lost{device=a", "count == 0", true, 16, "missing '}'")]
    [InlineData("pd_lost{device a}", "count == 0", true, 15, "expected '=' after tag 'device'")]
    [InlineData("pd_lost{device=a,device=b}", "count == 0", true, 17, "tag 'device' is given twice")]
    [InlineData("pd_send_lateness{role=publish}", "max < 1ms", true, 17, "unknown tag 'role' for 'pd_send_lateness'")]
    // Rule problems: offset into the rule text.
    [InlineData("pd_lost", "p(99) < 2ms", false, 0, "'p' is not an aggregation of 'pd_lost' (a counter; valid: count, per_second)")]
    [InlineData("pd_jitter", "rate < 1", false, 0, "'rate' is not an aggregation of 'pd_jitter' (a latency; valid: avg, min, max, med, p(N), count)")]
    [InlineData("pd_jitter", "p(99) < 2", false, 8, "a latency limit needs a time unit, as in 2ms")]
    [InlineData("pd_jitter", "p(99) < 2 parsecs", false, 10, "unexpected 'parsecs' after the limit")]
    [InlineData("pd_jitter", "p(99) < 2pc", false, 9, "unknown time unit 'pc'")]
    [InlineData("pd_jitter", "p(0) < 2ms", false, 2, "the percentile must be a number above 0 and at most 100")]
    [InlineData("pd_jitter", "p(101) < 2ms", false, 2, "the percentile must be")]
    [InlineData("pd_jitter", "p99 < 2ms", false, 0, "'p99' is not an aggregation")]
    [InlineData("pd_lost", "count = 0", false, 6, "expected a comparison")]
    [InlineData("pd_lost", "count == ", false, 9, "expected a number after the comparison")]
    [InlineData("pd_lost", "count == 5ms", false, 10, "'count' is a plain number: remove the unit 'ms'")]
    [InlineData("pd_loss_ratio", "rate < 1ms", false, 8, "'ms' is not a unit for a ratio: write 0.01 or 1%")]
    [InlineData("pd_timed_out", "count == 0", false, 0, "(a gauge; valid: value)")]
    public void BadTextIsAnErrorAtTheOffendingCharacter(string metric, string rule, bool inMetric, int offset, string message)
    {
        Assert.False(ThresholdSyntax.TryParse(metric, rule, out _, out ThresholdSyntaxError error));
        Assert.Equal(inMetric, error.InMetric);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(offset, error.Offset);
    }

    [Fact]
    public void WindowsMustBeWholeSecondsAndGaugesHaveNone()
    {
        Assert.True(ThresholdSyntax.TryParse("pd_timed_out", "value == 0", out ThresholdPlan gauge, out _));
        gauge.Over = TimeSpan.FromSeconds(10);
        Assert.Equal("over", ThresholdSyntax.CheckMode(gauge)!.Value.Option);
        gauge.Over = null;
        gauge.For = TimeSpan.FromSeconds(10);
        Assert.Null(ThresholdSyntax.CheckMode(gauge));

        Assert.True(ThresholdSyntax.TryParse("pd_lost", "count == 0", out ThresholdPlan counter, out _));
        counter.Over = TimeSpan.FromMilliseconds(1500);
        Assert.Contains("whole number of seconds", ThresholdSyntax.CheckMode(counter)!.Value.Problem, StringComparison.Ordinal);
        counter.Over = TimeSpan.FromMinutes(1);
        counter.For = TimeSpan.FromMilliseconds(10);
        Assert.Equal("for", ThresholdSyntax.CheckMode(counter)!.Value.Option);
    }

    [Fact]
    public void TextShowsTheMode()
    {
        Assert.True(ThresholdSyntax.TryParse(" pd_jitter{device=a} ", " p(99) < 2ms ", out ThresholdPlan t, out _));
        t.Over = TimeSpan.FromSeconds(60);
        t.For = TimeSpan.FromMinutes(5);
        Assert.Equal("pd_jitter{device=a}: p(99) < 2ms over 1m for 5m", t.Text);
    }

    [Fact]
    public void EveryCatalogMetricAcceptsItsOwnAggregations()
    {
        foreach (MetricDefinition metric in MetricCatalog.All)
        {
            string rule = metric.Kind switch
            {
                MetricKind.Counter => "count == 0",
                MetricKind.Ratio => "rate < 0.5",
                MetricKind.Gauge => "value < 1",
                _ => "p(99) < 1ms",
            };
            Assert.True(ThresholdSyntax.TryParse(metric.Name, rule, out _, out ThresholdSyntaxError error), $"{metric.Name}: {error.Message}");
        }
    }
}
