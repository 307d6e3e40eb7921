namespace TrdpSim.Plan;

/// <summary>A parsed threshold rule: <c>aggregation comparison limit</c>, e.g. <c>p(99) &lt; 2ms</c>.</summary>
/// <param name="Aggregation">What is computed from the metric.</param>
/// <param name="Percentile">For <see cref="ThresholdAggregation.Percentile"/>: 0 &lt; p ≤ 100.</param>
/// <param name="Comparison">How the computed value is compared with <paramref name="Limit"/>.</param>
/// <param name="Limit">The limit: nanoseconds when <paramref name="LimitIsDuration"/>, else a plain number
/// (a ratio for <c>rate</c>, so <c>1%</c> is stored as 0.01).</param>
/// <param name="LimitIsDuration">The limit was written with a time unit (latency aggregations).</param>
public sealed record ThresholdRule(ThresholdAggregation Aggregation, double Percentile, ThresholdComparison Comparison, double Limit, bool LimitIsDuration)
{
    /// <summary>Whether <paramref name="observed"/> satisfies the rule (NaN, "no data", never violates).</summary>
    public bool Holds(double observed) => double.IsNaN(observed) || Comparison switch
    {
        ThresholdComparison.Less => observed < Limit,
        ThresholdComparison.LessOrEqual => observed <= Limit,
        ThresholdComparison.Greater => observed > Limit,
        ThresholdComparison.GreaterOrEqual => observed >= Limit,
        ThresholdComparison.Equal => observed == Limit,
        _ => observed != Limit,
    };
}

/// <summary>What a rule computes from a metric.</summary>
public enum ThresholdAggregation
{
    /// <summary><c>count</c>: events (counters) or samples (latency metrics) in the span.</summary>
    Count,

    /// <summary><c>per_second</c>: events per second over the span.</summary>
    PerSecond,

    /// <summary><c>rate</c>: the ratio of a ratio metric (e.g. lost / expected).</summary>
    Rate,

    /// <summary><c>value</c>: the current value of a gauge, or the ratio of a ratio metric.</summary>
    Value,

    /// <summary><c>avg</c>: mean of a latency metric.</summary>
    Avg,

    /// <summary><c>min</c>: smallest sample of a latency metric.</summary>
    Min,

    /// <summary><c>max</c>: largest sample of a latency metric.</summary>
    Max,

    /// <summary><c>med</c>: median of a latency metric (same as <c>p(50)</c>).</summary>
    Median,

    /// <summary><c>p(N)</c>: the N-th percentile of a latency metric.</summary>
    Percentile,
}

/// <summary>The comparison of a rule.</summary>
public enum ThresholdComparison
{
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Equal,
    NotEqual,
}
