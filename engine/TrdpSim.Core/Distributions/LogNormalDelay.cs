using System.Diagnostics.CodeAnalysis;
using TrdpSim.Distributions.Internal;

namespace TrdpSim.Distributions;

/// <summary>Log-normal delays, the usual shape of service latency (a bulk plus a long right tail):
/// <c>lognormal:median=2ms,p99=20ms</c>.</summary>
/// <remarks>
/// <para><b>Parameterised by median and p99</b> because those are what performance engineers read off a
/// latency report: μ = ln(median), σ = (ln(p99) − μ) / Φ⁻¹(0.99) with Φ⁻¹(0.99) = 2.3263478740408408. The
/// configured median and p99 are then exactly <see cref="Quantile"/>(0.5) and <see cref="Quantile"/>(0.99).</para>
/// <para>Sample = exp(μ + σ·Z) with Z from <see cref="RandomStream.NextGaussian"/>; Quantile(p) =
/// exp(μ + σ·Φ⁻¹(p)) (Acklam, relative error &lt; 1.15e-9 in Φ⁻¹). Always &gt; 0 before rounding.</para>
/// </remarks>
internal sealed class LogNormalDelay : DelayDistribution
{
    private LogNormalDelay(long median, long p99)
    {
        MedianNanoseconds = median;
        P99Nanoseconds = p99;
        Mu = Math.Log(median);
        Sigma = (Math.Log(p99) - Mu) / DelayMath.Z99;
    }

    /// <summary>Configured median in nanoseconds.</summary>
    public long MedianNanoseconds { get; }

    /// <summary>Configured 99th percentile in nanoseconds.</summary>
    public long P99Nanoseconds { get; }

    /// <summary>μ: mean of ln(delay in ns).</summary>
    public double Mu { get; }

    /// <summary>σ: standard deviation of ln(delay in ns).</summary>
    public double Sigma { get; }

    /// <inheritdoc/>
    public override string Kind => "lognormal";

    /// <summary>Validates 0 &lt; median &lt; p99.</summary>
    public static bool TryCreate(long medianNanoseconds, long p99Nanoseconds, [NotNullWhen(true)] out LogNormalDelay? distribution, out string error) =>
        Checked(
            medianNanoseconds <= 0 ? $"lognormal: median must be > 0 (got {medianNanoseconds}ns)"
            : p99Nanoseconds <= medianNanoseconds ? $"lognormal: p99 ({DelayText.FormatDuration(p99Nanoseconds)}) must be greater than median ({DelayText.FormatDuration(medianNanoseconds)})"
            : null,
            () => new LogNormalDelay(medianNanoseconds, p99Nanoseconds), out distribution, out error);

    /// <summary>Creates a distribution from known-good code values; throws <see cref="ArgumentException"/> otherwise.</summary>
    public static LogNormalDelay Create(long medianNanoseconds, long p99Nanoseconds) =>
        TryCreate(medianNanoseconds, p99Nanoseconds, out LogNormalDelay? d, out string error) ? d : ThrowArgument<LogNormalDelay>(error);

    /// <inheritdoc/>
    public override long Sample(ref RandomStream random) =>
        DelayMath.ToNanoseconds(Math.Exp(Mu + (Sigma * random.NextGaussian())));

    /// <inheritdoc/>
    public override double Quantile(double p) =>
        Math.Exp(Mu + (Sigma * DelayMath.InverseStandardNormal(DelayMath.ClampProbability(p))));

    /// <inheritdoc/>
    public override string Describe() =>
        "lognormal:median=" + DelayText.FormatDuration(MedianNanoseconds) + ",p99=" + DelayText.FormatDuration(P99Nanoseconds);
}
