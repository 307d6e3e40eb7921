namespace TrdpSim.Records.Analysis;

/// <summary>The Theil-Sen slope of a series: the median of the slopes between every pair of points.</summary>
/// <remarks>Why this estimator for soak curves (memory, file descriptors, lateness over time): a least-squares
/// line follows a single GC-sized step or one late interval, while the median of pairwise slopes ignores up to
/// ~29 % of wild points and still sees a steady creep. O(n²) pairs: meant for interval series (hundreds or a few
/// thousand points), not raw samples.</remarks>
internal static class TrendSlope
{
    /// <summary>The slope in units of <paramref name="y"/> per unit of <paramref name="x"/> (0 with fewer than two points).</summary>
    public static double TheilSen(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count)
        {
            throw new ArgumentException($"{x.Count} x values for {y.Count} y values", nameof(y));
        }

        var slopes = new List<double>(x.Count * (x.Count - 1) / 2);
        for (int i = 0; i < x.Count; i++)
        {
            for (int j = i + 1; j < x.Count; j++)
            {
                if (x[j] != x[i])
                {
                    slopes.Add((y[j] - y[i]) / (x[j] - x[i]));
                }
            }
        }

        return slopes.Count == 0 ? 0 : MannWhitney.Median(slopes);
    }
}
