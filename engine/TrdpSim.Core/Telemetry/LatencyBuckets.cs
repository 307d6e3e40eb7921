using HdrHistogram;

namespace TrdpSim.Telemetry;

/// <summary>Counts and sums of a latency distribution in fixed buckets from 1 µs to 10 s: what a Prometheus
/// histogram needs, so <c>histogram_quantile</c> works over any window (the percentile gauges are since start).</summary>
/// <remarks>
/// Filled from the HdrHistogram intervals a <see cref="LatencyRecorder"/> folds on its reader side, never on
/// the hot path: recording a sample costs exactly what it did before. Each HdrHistogram bucket is placed by its
/// median equivalent value, so a sample within ±1 % (the recorder's precision) of a bucket bound may land in the
/// neighbouring bucket. Sums are in nanoseconds, per bucket.
/// </remarks>
internal sealed class LatencyBuckets
{
    /// <summary>Upper bounds in nanoseconds: 1-2.5-5 steps from 1 µs to 10 s (22 bounds, then +Inf).</summary>
    public static readonly long[] UpperBoundsNanoseconds =
    [
        1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000,
        1_000_000, 2_500_000, 5_000_000, 10_000_000, 25_000_000, 50_000_000, 100_000_000, 250_000_000, 500_000_000,
        1_000_000_000, 2_500_000_000, 5_000_000_000, 10_000_000_000,
    ];

    /// <summary>The bounds in seconds (for the Prometheus histogram's configuration).</summary>
    public static double[] UpperBoundsSeconds() => Array.ConvertAll(UpperBoundsNanoseconds, b => b / 1e9);

    /// <summary>Buckets including the last one (+Inf).</summary>
    public static int Count => UpperBoundsNanoseconds.Length + 1;

    private readonly long[] _counts = new long[Count];
    private readonly double[] _sums = new double[Count];

    /// <summary>Copies the counts (not cumulative: one per bucket) and sums (ns) into the spans.</summary>
    public void CopyTo(Span<long> counts, Span<double> sums)
    {
        _counts.CopyTo(counts);
        _sums.CopyTo(sums);
    }

    /// <summary>The bucket a value (ns) belongs to.</summary>
    public static int IndexOf(long nanoseconds)
    {
        var i = Array.BinarySearch(UpperBoundsNanoseconds, nanoseconds);
        return i >= 0 ? i : ~i;
    }

    /// <summary>Adds every sample of <paramref name="histogram"/> (walks its values in place: no allocation).</summary>
    internal void Add(HistogramBase histogram)
    {
        var total = histogram.TotalCount;
        long seen = 0;
        for (long value = 1; seen < total && value <= histogram.HighestTrackableValue; value = histogram.NextNonEquivalentValue(value))
        {
            var count = histogram.GetCountAtValue(value);
            if (count == 0)
            {
                continue;
            }

            seen += count;
            var median = histogram.MedianEquivalentValue(value);
            var bucket = IndexOf(median);
            _counts[bucket] += count;
            _sums[bucket] += (double)median * count;
        }
    }
}
