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
/// <param name="Recent">The same figures for the interval since the previous refresh (progress line).</param>
public readonly record struct LatencySnapshot(long Count, long P50, long P90, long P99, long P999, long Max, double Mean, IntervalFigures Recent)
{
    internal static LatencySnapshot From(HistogramBase h, LatencySnapshot recent)
    {
        if (h.TotalCount == 0)
        {
            return new LatencySnapshot(0, 0, 0, 0, 0, 0, 0, new IntervalFigures(recent.Count, recent.P50, recent.P99, recent.Max));
        }

        return new LatencySnapshot(
            h.TotalCount,
            h.GetValueAtPercentile(50),
            h.GetValueAtPercentile(90),
            h.GetValueAtPercentile(99),
            h.GetValueAtPercentile(99.9),
            h.GetMaxValue(),
            h.GetMean(),
            new IntervalFigures(recent.Count, recent.P50, recent.P99, recent.Max));
    }
}

/// <summary>Short figures of one refresh interval.</summary>
public readonly record struct IntervalFigures(long Count, long P50, long P99, long Max);
