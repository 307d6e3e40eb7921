using System.Diagnostics.CodeAnalysis;
using TrdpSim.Distributions.Internal;

namespace TrdpSim.Distributions;

/// <summary>Heavy-tailed delays (Pareto type I): <c>pareto:scale=1ms,shape=1.5</c>.</summary>
/// <remarks>
/// <para>Inverse CDF: Sample = scale·U^(−1/shape) with U in (0, 1]; Quantile(p) = scale·(1 − p)^(−1/shape).
/// The minimum delay is the scale; p99 is scale·100^(1/shape).</para>
/// <para><b>Risky values:</b> shape ≤ 1 has an infinite mean and shape ≤ 2 an infinite variance; single
/// draws can then be hours or saturate at <see cref="long.MaxValue"/>. That is the point of this family
/// (stress a caller's timeout handling), but pair it with a realistic caller reply timeout.</para>
/// </remarks>
internal sealed class ParetoDelay : DelayDistribution
{
    private readonly double _negativeInverseShape;

    private ParetoDelay(long scale, double shape)
    {
        ScaleNanoseconds = scale;
        Shape = shape;
        _negativeInverseShape = -1.0 / shape;
    }

    /// <summary>Scale x_m in nanoseconds: the smallest delay (&gt; 0).</summary>
    public long ScaleNanoseconds { get; }

    /// <summary>Shape α (&gt; 0): smaller is heavier-tailed.</summary>
    public double Shape { get; }

    /// <inheritdoc/>
    public override string Kind => "pareto";

    /// <summary>Validates scale &gt; 0 and a finite shape &gt; 0.</summary>
    public static bool TryCreate(long scaleNanoseconds, double shape, [NotNullWhen(true)] out ParetoDelay? distribution, out string error) =>
        Checked(
            scaleNanoseconds <= 0 ? $"pareto: scale must be > 0 (got {scaleNanoseconds}ns)"
            : !(shape > 0) || !double.IsFinite(shape) ? $"pareto: shape must be a finite number > 0 (got {DelayText.FormatNumber(shape)})"
            : null,
            () => new ParetoDelay(scaleNanoseconds, shape), out distribution, out error);

    /// <summary>Creates a distribution from known-good code values; throws <see cref="ArgumentException"/> otherwise.</summary>
    public static ParetoDelay Create(long scaleNanoseconds, double shape) =>
        TryCreate(scaleNanoseconds, shape, out ParetoDelay? d, out string error) ? d : ThrowArgument<ParetoDelay>(error);

    /// <inheritdoc/>
    public override long Sample(ref RandomStream random) =>
        DelayMath.ToNanoseconds(ScaleNanoseconds * Math.Pow(random.NextDoubleExcludingZero(), _negativeInverseShape));

    /// <inheritdoc/>
    public override double Quantile(double p) =>
        ScaleNanoseconds * Math.Pow(1.0 - DelayMath.ClampProbability(p), _negativeInverseShape);

    /// <inheritdoc/>
    public override string Describe() =>
        "pareto:scale=" + DelayText.FormatDuration(ScaleNanoseconds) + ",shape=" + DelayText.FormatNumber(Shape);
}
