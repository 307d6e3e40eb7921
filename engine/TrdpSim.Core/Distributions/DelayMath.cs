using System.Runtime.CompilerServices;

namespace TrdpSim.Distributions;

/// <summary>Numeric helpers shared by the delay distributions.</summary>
internal static class DelayMath
{
    /// <summary>Φ⁻¹(0.99): the standard normal 99th percentile.</summary>
    public const double Z99 = 2.3263478740408408;

    // 2^63 as a double: every double ≥ this is beyond long.MaxValue.
    private const double LongLimit = 9.2233720368547758E18;

    /// <summary>Rounds a delay in nanoseconds to a long, clamping negatives and NaN to 0 and saturating at
    /// <see cref="long.MaxValue"/> (heavy tails can exceed 292 years).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long ToNanoseconds(double nanoseconds)
    {
        if (!(nanoseconds > 0))
        {
            return 0; // negative, zero or NaN
        }

        return nanoseconds >= LongLimit ? long.MaxValue : (long)(nanoseconds + 0.5);
    }

    /// <summary>Clamps a probability to [0, 1]; NaN becomes 0.5 (a median is the least surprising answer).</summary>
    public static double ClampProbability(double p) => double.IsNaN(p) ? 0.5 : Math.Clamp(p, 0.0, 1.0);

    /// <summary>
    /// Inverse of the standard normal CDF by Peter J. Acklam's rational approximation (2003): a central
    /// rational function for 0.02425 ≤ p ≤ 0.97575 and a tail function in sqrt(−2 ln p) outside.
    /// Relative error below 1.15e-9 over the whole open interval; p ≤ 0 gives −∞, p ≥ 1 gives +∞.
    /// </summary>
    public static double InverseStandardNormal(double p)
    {
        if (p <= 0)
        {
            return double.NegativeInfinity;
        }

        if (p >= 1)
        {
            return double.PositiveInfinity;
        }

        const double A1 = -3.969683028665376e+01, A2 = 2.209460984245205e+02, A3 = -2.759285104469687e+02;
        const double A4 = 1.383577518672690e+02, A5 = -3.066479806614716e+01, A6 = 2.506628277459239e+00;
        const double B1 = -5.447609879822406e+01, B2 = 1.615858368580409e+02, B3 = -1.556989798598866e+02;
        const double B4 = 6.680131188771972e+01, B5 = -1.328068155288572e+01;
        const double C1 = -7.784894002430293e-03, C2 = -3.223964580411365e-01, C3 = -2.400758277161838e+00;
        const double C4 = -2.549732539343734e+00, C5 = 4.374664141464968e+00, C6 = 2.938163982698783e+00;
        const double D1 = 7.784695709041462e-03, D2 = 3.224671290700398e-01, D3 = 2.445134137142996e+00;
        const double D4 = 3.754408661907416e+00;
        const double Low = 0.02425;

        if (p < Low)
        {
            double q = Math.Sqrt(-2 * Math.Log(p));
            return (((((C1 * q + C2) * q + C3) * q + C4) * q + C5) * q + C6) /
                   ((((D1 * q + D2) * q + D3) * q + D4) * q + 1);
        }

        if (p > 1 - Low)
        {
            double q = Math.Sqrt(-2 * Math.Log(1 - p));
            return -(((((C1 * q + C2) * q + C3) * q + C4) * q + C5) * q + C6) /
                   ((((D1 * q + D2) * q + D3) * q + D4) * q + 1);
        }

        double c = p - 0.5;
        double r = c * c;
        return (((((A1 * r + A2) * r + A3) * r + A4) * r + A5) * r + A6) * c /
               (((((B1 * r + B2) * r + B3) * r + B4) * r + B5) * r + 1);
    }
}
