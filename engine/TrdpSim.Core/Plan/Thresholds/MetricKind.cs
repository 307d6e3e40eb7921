namespace TrdpSim.Plan.Thresholds;

/// <summary>The shape of a threshold metric, which decides the aggregations a rule may use.</summary>
internal enum MetricKind
{
    /// <summary>A monotonic count of events: <c>count</c>, <c>per_second</c>.</summary>
    Counter,

    /// <summary>A ratio of two counts (e.g. lost / expected): <c>rate</c> (or <c>value</c>).</summary>
    Ratio,

    /// <summary>A value that goes up and down (e.g. subscriptions timed out now): <c>value</c>.</summary>
    Gauge,

    /// <summary>A latency distribution (HdrHistogram): <c>avg</c>, <c>min</c>, <c>max</c>, <c>med</c>,
    /// <c>p(N)</c> with a time limit, and <c>count</c> (samples).</summary>
    Latency,
}
