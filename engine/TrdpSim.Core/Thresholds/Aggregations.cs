using System.Globalization;
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

    /// <summary>Significant digits of a non-integral value in messages.</summary>
    private const int Digits = 3;

    /// <summary>An observed value in the rule's unit: <c>3.10ms</c>, <c>0.0123</c>, <c>4.62e-7</c>, <c>42</c>;
    /// "no data" for NaN.</summary>
    /// <remarks>Whole numbers print in full; others with three significant digits (scientific below 0.0001,
    /// so a non-zero value never reads 0), and with more digits when three would make a value that is not
    /// the limit read as the limit (<c>0.0500004</c>, not <c>0.05</c>, against <c>&lt; 0.05</c>).</remarks>
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

        for (int digits = Digits; digits < 17; digits++)
        {
            string text = Significant(value, digits);
            if (value == rule.Limit || text != Significant(rule.Limit, digits))
            {
                return text;
            }
        }

        return value.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>The counts behind a ratio, e.g. <c>208 of 450,000,000 lost</c>.</summary>
    public static string Counts(MetricDefinition metric, CountSample counts) => string.Format(CultureInfo.InvariantCulture,
        metric.CountsText ?? "{0} of {1}", counts.Numerator.ToString("N0", CultureInfo.InvariantCulture),
        counts.Denominator.ToString("N0", CultureInfo.InvariantCulture));

    private static string Significant(double value, int digits)
    {
        double magnitude = Math.Abs(value);
        if (value == Math.Floor(value) || magnitude >= 1000)
        {
            return value.ToString("0", CultureInfo.InvariantCulture);
        }

        if (magnitude < 0.0001)
        {
            return value.ToString("0." + new string('#', digits - 1) + "e-0", CultureInfo.InvariantCulture);
        }

        int decimals = Math.Max(0, digits - 1 - (int)Math.Floor(Math.Log10(magnitude)));
        return value.ToString("0." + new string('#', decimals), CultureInfo.InvariantCulture);
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
