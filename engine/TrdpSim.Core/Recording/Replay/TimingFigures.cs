namespace TrdpSim.Recording.Replay;

/// <summary>Percentiles of a set of durations (nanoseconds), exact (from the sorted values).</summary>
public readonly record struct TimingFigures(long Count, long P50, long P99, long P999, long Max)
{
    /// <summary>The figures of <paramref name="values"/> (sorted in place).</summary>
    public static TimingFigures Of(long[] values, int count)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (count == 0)
        {
            return default;
        }

        Array.Sort(values, 0, count);
        return new TimingFigures(count, At(values, count, 0.50), At(values, count, 0.99), At(values, count, 0.999), values[count - 1]);
    }

    /// <summary>Nearest-rank percentile.</summary>
    private static long At(long[] sorted, int count, double quantile) =>
        sorted[Math.Clamp((int)Math.Ceiling(quantile * count) - 1, 0, count - 1)];
}
