using HdrHistogram;

namespace TrdpSim.Telemetry;

/// <summary>Percentiles of a latency distribution at one moment, in nanoseconds.</summary>
/// <param name="Count">Samples in the distribution.</param>
/// <param name="P50">Median.</param>
/// <param name="P90">90th percentile.</param>
/// <param name="P99">99th percentile.</param>
/// <param name="P999">99.9th percentile.</param>
/// <param name="Max">Largest sample.</param>
/// <param name="Mean">Arithmetic mean.</param>
public readonly record struct LatencySnapshot(long Count, long P50, long P90, long P99, long P999, long Max, double Mean)
{
    internal static LatencySnapshot From(HistogramBase h)
    {
        if (h.TotalCount == 0)
        {
            return default;
        }

        return new LatencySnapshot(
            h.TotalCount,
            h.GetValueAtPercentile(50),
            h.GetValueAtPercentile(90),
            h.GetValueAtPercentile(99),
            h.GetValueAtPercentile(99.9),
            h.GetMaxValue(),
            h.GetMean());
    }
}
