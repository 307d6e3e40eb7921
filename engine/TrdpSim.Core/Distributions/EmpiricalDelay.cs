using System.Diagnostics.CodeAnalysis;
using System.Text;
using TrdpSim.Distributions.Internal;

namespace TrdpSim.Distributions;

/// <summary>A latency profile given as percentile points, interpolated linearly between them:
/// <c>empirical:p0=1ms,p50=2ms,p90=5ms,p99=20ms,p100=50ms</c>.</summary>
/// <remarks>
/// <para><b>Model.</b> The inverse CDF is the piecewise-linear curve through the points (p/100, delay): between
/// two given percentiles the delay is uniform. p0 (minimum) and p100 (maximum) are required so the curve covers
/// [0, 1]; percentiles must strictly increase and delays must not decrease. Each given point is therefore
/// exactly <see cref="Quantile"/> at that percentile.</para>
/// <para><b>Sampling.</b> Sample = Quantile(U) with one draw U in [0, 1): a binary search over the points
/// (a handful in practice) and one interpolation; no allocation.</para>
/// </remarks>
internal sealed class EmpiricalDelay : DelayDistribution
{
    private readonly double[] _percentiles;
    private readonly double[] _probabilities;
    private readonly long[] _delays;

    // Nanoseconds per unit of probability on segment i (between points i and i + 1): saves a division per sample.
    private readonly double[] _slopes;

    private EmpiricalDelay(double[] percentiles, double[] probabilities, long[] delays)
    {
        _percentiles = percentiles;
        _probabilities = probabilities;
        _delays = delays;
        _slopes = new double[delays.Length - 1];
        for (int i = 0; i < _slopes.Length; i++)
        {
            _slopes[i] = (delays[i + 1] - delays[i]) / (probabilities[i + 1] - probabilities[i]);
        }
    }

    /// <summary>Number of configured points (≥ 2).</summary>
    public int PointCount => _delays.Length;

    /// <inheritdoc/>
    public override string Kind => "empirical";

    /// <summary>The configured point <paramref name="index"/> (ascending percentile).</summary>
    public PercentilePoint GetPoint(int index) => new(_percentiles[index], _delays[index]);

    /// <summary>Validates and copies <paramref name="points"/> (given in ascending percentile order).</summary>
    public static bool TryCreate(ReadOnlySpan<PercentilePoint> points, [NotNullWhen(true)] out EmpiricalDelay? distribution, out string error)
    {
        distribution = null;
        if (points.Length < 2)
        {
            error = "empirical: needs at least p0 and p100";
            return false;
        }

        var percentiles = new double[points.Length];
        var probabilities = new double[points.Length];
        var delays = new long[points.Length];
        for (int i = 0; i < points.Length; i++)
        {
            PercentilePoint point = points[i];
            if (!(point.Percentile >= 0 && point.Percentile <= 100))
            {
                error = $"empirical: percentile p{DelayText.FormatNumber(point.Percentile)} is outside 0..100";
                return false;
            }

            if (point.DelayNanoseconds < 0)
            {
                error = $"empirical: p{DelayText.FormatNumber(point.Percentile)} delay must be >= 0";
                return false;
            }

            if (i > 0 && point.Percentile <= points[i - 1].Percentile)
            {
                error = $"empirical: percentiles must strictly increase (p{DelayText.FormatNumber(point.Percentile)} after p{DelayText.FormatNumber(points[i - 1].Percentile)})";
                return false;
            }

            if (i > 0 && point.DelayNanoseconds < points[i - 1].DelayNanoseconds)
            {
                error = $"empirical: delays must not decrease (p{DelayText.FormatNumber(point.Percentile)}={DelayText.FormatDuration(point.DelayNanoseconds)} is below p{DelayText.FormatNumber(points[i - 1].Percentile)}={DelayText.FormatDuration(points[i - 1].DelayNanoseconds)})";
                return false;
            }

            percentiles[i] = point.Percentile;
            probabilities[i] = point.Percentile / 100.0;
            delays[i] = point.DelayNanoseconds;
        }

        if (points[0].Percentile != 0 || points[^1].Percentile != 100)
        {
            error = "empirical: needs p0 (the minimum) and p100 (the maximum)";
            return false;
        }

        distribution = new EmpiricalDelay(percentiles, probabilities, delays);
        error = string.Empty;
        return true;
    }

    /// <summary>Creates a distribution from known-good code values; throws <see cref="ArgumentException"/> otherwise.</summary>
    public static EmpiricalDelay Create(ReadOnlySpan<PercentilePoint> points) =>
        TryCreate(points, out EmpiricalDelay? d, out string error) ? d : ThrowArgument<EmpiricalDelay>(error);

    /// <inheritdoc/>
    public override long Sample(ref RandomStream random) => DelayMath.ToNanoseconds(Interpolate(random.NextDouble()));

    /// <inheritdoc/>
    public override double Quantile(double p) => Interpolate(DelayMath.ClampProbability(p));

    /// <inheritdoc/>
    public override string Describe()
    {
        var text = new StringBuilder("empirical:");
        for (int i = 0; i < _delays.Length; i++)
        {
            text.Append(i == 0 ? "p" : ",p")
                .Append(DelayText.FormatNumber(_percentiles[i]))
                .Append('=')
                .Append(DelayText.FormatDuration(_delays[i]));
        }

        return text.ToString();
    }

    private double Interpolate(double p)
    {
        double[] probabilities = _probabilities;
        long[] delays = _delays;

        // Find the last point with probability <= p (the first point is at 0, so i >= 0).
        int lo = 0;
        int hi = probabilities.Length - 1;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) >> 1;
            if (probabilities[mid] <= p)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        if (lo >= probabilities.Length - 1)
        {
            return delays[^1];
        }

        return delays[lo] + ((p - probabilities[lo]) * _slopes[lo]);
    }
}
