using System.Diagnostics.CodeAnalysis;
using TrdpSim.Distributions.Internal;

namespace TrdpSim.Distributions;

/// <summary>Memoryless delays: <c>exponential:mean=3ms</c>.</summary>
/// <remarks>Inverse CDF: Sample = −mean·ln(U) with U in (0, 1] (never ln 0); Quantile(p) = −mean·ln(1 − p),
/// so the median is mean·ln 2 and p99 is mean·ln 100 ≈ 4.6·mean. One 64-bit draw per sample.</remarks>
internal sealed class ExponentialDelay : DelayDistribution
{
    private ExponentialDelay(long mean) => MeanNanoseconds = mean;

    /// <summary>Mean in nanoseconds (&gt; 0).</summary>
    public long MeanNanoseconds { get; }

    /// <inheritdoc/>
    public override string Kind => "exponential";

    /// <summary>Validates mean &gt; 0.</summary>
    public static bool TryCreate(long meanNanoseconds, [NotNullWhen(true)] out ExponentialDelay? distribution, out string error) =>
        Checked(meanNanoseconds <= 0 ? $"exponential: mean must be > 0 (got {meanNanoseconds}ns)" : null,
            () => new ExponentialDelay(meanNanoseconds), out distribution, out error);

    /// <summary>Creates a distribution from known-good code values; throws <see cref="ArgumentException"/> otherwise.</summary>
    public static ExponentialDelay Create(long meanNanoseconds) =>
        TryCreate(meanNanoseconds, out ExponentialDelay? d, out string error) ? d : ThrowArgument<ExponentialDelay>(error);

    /// <inheritdoc/>
    public override long Sample(ref RandomStream random) =>
        DelayMath.ToNanoseconds(-MeanNanoseconds * Math.Log(random.NextDoubleExcludingZero()));

    /// <inheritdoc/>
    public override double Quantile(double p) => -MeanNanoseconds * Math.Log(1.0 - DelayMath.ClampProbability(p));

    /// <inheritdoc/>
    public override string Describe() => "exponential:mean=" + DelayText.FormatDuration(MeanNanoseconds);
}
