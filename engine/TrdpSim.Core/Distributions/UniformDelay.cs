using System.Diagnostics.CodeAnalysis;
using TrdpSim.Distributions.Internal;

namespace TrdpSim.Distributions;

/// <summary>Delays uniformly spread between a minimum and a maximum: <c>uniform:1ms..10ms</c>.</summary>
/// <remarks>Sample = min + (max − min)·U with U in [0, 1), rounded to the nanosecond; Quantile(p) =
/// min + (max − min)·p. One 64-bit draw per sample.</remarks>
internal sealed class UniformDelay : DelayDistribution
{
    private readonly double _width;

    private UniformDelay(long min, long max)
    {
        MinNanoseconds = min;
        MaxNanoseconds = max;
        _width = (double)max - min;
    }

    /// <summary>Smallest delay in nanoseconds.</summary>
    public long MinNanoseconds { get; }

    /// <summary>Largest delay in nanoseconds.</summary>
    public long MaxNanoseconds { get; }

    /// <inheritdoc/>
    public override string Kind => "uniform";

    /// <summary>Validates 0 ≤ <paramref name="minNanoseconds"/> ≤ <paramref name="maxNanoseconds"/>.</summary>
    public static bool TryCreate(long minNanoseconds, long maxNanoseconds, [NotNullWhen(true)] out UniformDelay? distribution, out string error) =>
        Checked(
            minNanoseconds < 0 ? $"uniform: min must be >= 0 (got {minNanoseconds}ns)"
            : maxNanoseconds < minNanoseconds ? $"uniform: max ({DelayText.FormatDuration(maxNanoseconds)}) must be >= min ({DelayText.FormatDuration(minNanoseconds)})"
            : null,
            () => new UniformDelay(minNanoseconds, maxNanoseconds), out distribution, out error);

    /// <summary>Creates a distribution from known-good code values; throws <see cref="ArgumentException"/> otherwise.</summary>
    public static UniformDelay Create(long minNanoseconds, long maxNanoseconds) =>
        TryCreate(minNanoseconds, maxNanoseconds, out UniformDelay? d, out string error) ? d : ThrowArgument<UniformDelay>(error);

    /// <inheritdoc/>
    public override long Sample(ref RandomStream random) =>
        DelayMath.ToNanoseconds(MinNanoseconds + (_width * random.NextDouble()));

    /// <inheritdoc/>
    public override double Quantile(double p) => MinNanoseconds + (_width * DelayMath.ClampProbability(p));

    /// <inheritdoc/>
    public override string Describe() =>
        "uniform:" + DelayText.FormatDuration(MinNanoseconds) + ".." + DelayText.FormatDuration(MaxNanoseconds);
}
