namespace TrdpSim.Records.Analysis;

/// <summary>The Mann-Whitney U test (Wilcoxon rank-sum): do two samples come from the same distribution?</summary>
/// <remarks>
/// Why this test for interval figures: an interval's p99 lateness or loss ratio is far from normal (long tails,
/// spikes, many zeros), so a t-test's assumption fails; a rank test needs none and one wild interval moves it by
/// one rank only. It is exact enough with the normal approximation (tie-corrected, continuity-corrected) from
/// about five intervals a side, and deterministic — a bootstrap would need resampling and a seed and gives the
/// same answer on these sizes. Its limit: consecutive intervals of one run are not independent (a slow drift
/// makes neighbours alike), which makes p-values optimistic; callers therefore also require a minimum effect
/// size before they call a difference real.
/// </remarks>
internal static class MannWhitney
{
    /// <summary>The fewest values a side for a p-value (below that the test answers 1: no evidence).</summary>
    public const int MinimumSample = 4;

    /// <summary>Two-sided p-value that <paramref name="a"/> and <paramref name="b"/> differ in location.</summary>
    public static double TwoSidedP(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        int n1 = a.Count, n2 = b.Count;
        if (n1 < MinimumSample || n2 < MinimumSample)
        {
            return 1;
        }

        var all = new (double Value, int Side)[n1 + n2];
        for (int i = 0; i < n1; i++)
        {
            all[i] = (a[i], 0);
        }

        for (int i = 0; i < n2; i++)
        {
            all[n1 + i] = (b[i], 1);
        }

        Array.Sort(all, static (x, y) => x.Value.CompareTo(y.Value));
        double rankSumA = 0, tieTerm = 0;
        for (int i = 0; i < all.Length;)
        {
            int j = i;
            while (j + 1 < all.Length && all[j + 1].Value == all[i].Value)
            {
                j++;
            }

            double rank = (i + j + 2) / 2.0; // ranks are 1-based; ties share their mean rank
            for (int k = i; k <= j; k++)
            {
                if (all[k].Side == 0)
                {
                    rankSumA += rank;
                }
            }

            double t = j - i + 1;
            tieTerm += (t * t * t) - t;
            i = j + 1;
        }

        double u = rankSumA - (n1 * (n1 + 1) / 2.0);
        double mean = n1 * n2 / 2.0;
        double n = n1 + n2;
        double variance = n1 * n2 / 12.0 * ((n + 1) - (tieTerm / (n * (n - 1))));
        if (variance <= 0)
        {
            return 1; // every value equal: nothing differs
        }

        double z = (Math.Abs(u - mean) - 0.5) / Math.Sqrt(variance);
        return Math.Min(1, 2 * UpperTail(Math.Max(0, z)));
    }

    /// <summary>P(Z &gt; z) of the standard normal (Abramowitz–Stegun 7.1.26 on erfc; |error| &lt; 1.5e-7).</summary>
    internal static double UpperTail(double z)
    {
        double x = z / Math.Sqrt(2);
        double t = 1 / (1 + (0.3275911 * x));
        double poly = t * (0.254829592 + (t * (-0.284496736 + (t * (1.421413741 + (t * (-1.453152027 + (t * 1.061405429))))))));
        return 0.5 * poly * Math.Exp(-x * x);
    }

    /// <summary>The median (NaN for no values).</summary>
    public static double Median(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return double.NaN;
        }

        double[] sorted = [.. values];
        Array.Sort(sorted);
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>The median absolute deviation from the median (0 for fewer than two values).</summary>
    public static double MedianAbsoluteDeviation(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count < 2)
        {
            return 0;
        }

        double median = Median(values);
        var deviations = new double[values.Count];
        for (int i = 0; i < deviations.Length; i++)
        {
            deviations[i] = Math.Abs(values[i] - median);
        }

        return Median(deviations);
    }
}
