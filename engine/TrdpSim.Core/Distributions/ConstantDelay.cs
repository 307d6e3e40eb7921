using System.Diagnostics.CodeAnalysis;
using TrdpSim.Distributions.Internal;

namespace TrdpSim.Distributions;

/// <summary>Every reply after the same delay: <c>constant:5ms</c>.</summary>
/// <remarks>Draws no random numbers, so it does not advance the generator. Every quantile is the delay.</remarks>
internal sealed class ConstantDelay : DelayDistribution
{
    private ConstantDelay(long delayNanoseconds) => DelayNanoseconds = delayNanoseconds;

    /// <summary>The delay in nanoseconds (≥ 0).</summary>
    public long DelayNanoseconds { get; }

    /// <inheritdoc/>
    public override string Kind => "constant";

    /// <summary>Validates <paramref name="delayNanoseconds"/> (≥ 0).</summary>
    public static bool TryCreate(long delayNanoseconds, [NotNullWhen(true)] out ConstantDelay? distribution, out string error) =>
        Checked(delayNanoseconds < 0 ? $"constant: delay must be >= 0 (got {delayNanoseconds}ns)" : null,
            () => new ConstantDelay(delayNanoseconds), out distribution, out error);

    /// <summary>Creates a distribution from known-good code values; throws <see cref="ArgumentException"/> otherwise.</summary>
    public static ConstantDelay Create(long delayNanoseconds) =>
        TryCreate(delayNanoseconds, out ConstantDelay? d, out string error) ? d : ThrowArgument<ConstantDelay>(error);

    /// <inheritdoc/>
    public override long Sample(ref RandomStream random) => DelayNanoseconds;

    /// <inheritdoc/>
    public override double Quantile(double p) => DelayNanoseconds;

    /// <inheritdoc/>
    public override string Describe() => "constant:" + DelayText.FormatDuration(DelayNanoseconds);
}
