using HdrHistogram;
using TrdpSim.Plan;
using TrdpSim.Plan.Thresholds;
using TrdpSim.Telemetry;

namespace TrdpSim.Thresholds;

/// <summary>Computes a rule's aggregation from a span's data and formats observed values.</summary>
/// <remarks>NaN means "no data" (no samples, a ratio with nothing expected, a rate over no time): a rule
/// never fails on it.</remarks>
internal static class Aggregations
{
    /// <summary>Counter, ratio or gauge: <paramref name="delta"/> is the change over the span (the current
    /// value for gauges), <paramref name="seconds"/> its length.</summary>
    public static double FromCounts(ThresholdAggregation aggregation, MetricKind kind, CountSample delta, double seconds) => aggregation switch
    {
        ThresholdAggregation.PerSecond => seconds > 0 ? delta.Numerator / seconds : double.NaN,
        ThresholdAggregation.Rate or ThresholdAggregation.Value when kind == MetricKind.Ratio =>
            delta.Denominator > 0 ? (double)delta.Numerator / delta.Denominator : double.NaN,
        _ => delta.Numerator,
    };

    /// <summary>Latency: the aggregation of <paramref name="histogram"/> in nanoseconds (or its sample count).</summary>
    public static double FromHistogram(ThresholdRule rule, HistogramBase histogram)
    {
        if (rule.Aggregation == ThresholdAggregation.Count)
        {
            return histogram.TotalCount;
        }

        if (histogram.TotalCount == 0)
        {
            return double.NaN;
        }

        return rule.Aggregation switch
        {
            ThresholdAggregation.Avg => histogram.GetMean(),
            ThresholdAggregation.Min => histogram.GetValueAtPercentile(0),
            ThresholdAggregation.Max => histogram.GetMaxValue(),
            ThresholdAggregation.Median => histogram.GetValueAtPercentile(50),
            _ => histogram.GetValueAtPercentile(rule.Percentile),
        };
    }

    /// <summary>The aggregation as written, e.g. <c>p(99)</c>.</summary>
    public static string Name(ThresholdRule rule) => rule.Aggregation switch
    {
        ThresholdAggregation.Count => "count",
        ThresholdAggregation.PerSecond => "per_second",
        ThresholdAggregation.Rate => "rate",
        ThresholdAggregation.Value => "value",
        ThresholdAggregation.Avg => "avg",
        ThresholdAggregation.Min => "min",
        ThresholdAggregation.Max => "max",
        ThresholdAggregation.Median => "med",
        _ => FormattableString.Invariant($"p({rule.Percentile})"),
    };

    /// <summary>An observed value in the rule's unit: <c>3.10ms</c>, <c>0.0123</c>, <c>42</c>; "no data" for NaN.</summary>
    public static string Format(ThresholdRule rule, double value)
    {
        if (double.IsNaN(value))
        {
            return "no data";
        }

        if (rule.LimitIsDuration)
        {
            return Units.Duration((long)Math.Round(value));
        }

        return Math.Abs(value - Math.Round(value)) < 1e-9 && Math.Abs(value) < 1e15
            ? FormattableString.Invariant($"{value:0}")
            : FormattableString.Invariant($"{value:0.######}");
    }

    /// <summary>The comparison that a failing value satisfies instead, for messages: <c>≥</c> for a violated <c>&lt;</c>.</summary>
    public static string Violated(ThresholdComparison comparison) => comparison switch
    {
        ThresholdComparison.Less => "≥",
        ThresholdComparison.LessOrEqual => ">",
        ThresholdComparison.Greater => "≤",
        ThresholdComparison.GreaterOrEqual => "<",
        ThresholdComparison.Equal => "≠",
        _ => "=",
    };

    /// <summary>Whether <paramref name="candidate"/> is further on the failing side than <paramref name="current"/>
    /// (used to report the worst window of a passing windowed threshold).</summary>
    public static bool IsWorse(ThresholdComparison comparison, double candidate, double current) =>
        !double.IsNaN(candidate) && (double.IsNaN(current) || comparison switch
        {
            ThresholdComparison.Less or ThresholdComparison.LessOrEqual => candidate > current,
            ThresholdComparison.Greater or ThresholdComparison.GreaterOrEqual => candidate < current,
            _ => false,
        });
}
