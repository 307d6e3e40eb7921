using System.Diagnostics.CodeAnalysis;
using TrdpSim.Distributions.Internal;

namespace TrdpSim.Distributions;

/// <summary>
/// A reply-latency distribution: draws delays in nanoseconds from a caller-owned <see cref="RandomStream"/>
/// and states its exact configured quantiles, so measured percentiles can be compared with configured ones.
/// </summary>
/// <remarks>
/// <para><b>Invariants.</b> Instances are immutable after construction and hold no random state, so one
/// instance may be shared by many repliers and threads; each caller passes its own generator by <c>ref</c>.
/// <see cref="Sample"/> never returns a negative value (negative draws are clamped to 0), never allocates
/// and never throws; results saturate at <see cref="long.MaxValue"/>.</para>
/// <para><b>Fidelity.</b> Continuous families sample by the exact inverse CDF or an exact transform, so
/// the sample p-quantile converges to <see cref="Quantile"/>(p) (after rounding to whole nanoseconds).
/// The product's acceptance criterion is: measured p50/p90/p99 within 2 % or 100 µs of configured.</para>
/// <para><b>Text form.</b> <see cref="Describe"/> returns a spec that <see cref="TryCreate"/> parses back to an
/// equivalent distribution (same parameters to the nanosecond, same samples for the same generator).</para>
/// <para>Construct from user input with <see cref="TryCreate"/> or the families' <c>TryCreate</c> methods:
/// invalid parameters come back as an error string, never as an exception.</para>
/// </remarks>
internal abstract class DelayDistribution
{
    private protected DelayDistribution()
    {
    }

    /// <summary>The family name as used in specs: <c>constant</c>, <c>uniform</c>, <c>normal</c>,
    /// <c>lognormal</c>, <c>exponential</c>, <c>pareto</c>, <c>empirical</c> or <c>samples</c>.</summary>
    public abstract string Kind { get; }

    /// <summary>Draws one delay in nanoseconds (≥ 0), advancing <paramref name="random"/>.</summary>
    public abstract long Sample(ref RandomStream random);

    /// <summary>The configured p-quantile in nanoseconds (0 ≤ p ≤ 1; values outside are clamped), before
    /// rounding to whole nanoseconds. May be <see cref="double.PositiveInfinity"/> at p = 1 for unbounded
    /// families.</summary>
    public abstract double Quantile(double p);

    /// <summary>The canonical spec, e.g. <c>"lognormal:median=2ms,p99=20ms"</c>; parses back with <see cref="TryCreate"/>.</summary>
    public abstract string Describe();

    /// <inheritdoc/>
    public override string ToString() => Describe();

    /// <summary>
    /// Parses a delay spec:
    /// <c>constant:5ms</c> · <c>uniform:1ms..10ms</c> · <c>normal:mean=5ms,stddev=1ms</c> ·
    /// <c>lognormal:median=2ms,p99=20ms</c> · <c>exponential:mean=3ms</c> · <c>pareto:scale=1ms,shape=1.5</c> ·
    /// <c>empirical:p0=1ms,p50=2ms,p99=20ms,p100=50ms</c> · <c>samples:1ms,2ms,2ms,3ms,40ms</c>.
    /// Durations take <c>ns</c>, <c>us</c>/<c>µs</c>, <c>ms</c> or <c>s</c>.
    /// </summary>
    /// <returns><c>true</c> and a distribution, or <c>false</c> and <paramref name="error"/> saying what is wrong.</returns>
    public static bool TryCreate(string? spec, [NotNullWhen(true)] out DelayDistribution? distribution, out string error) =>
        DelaySpecParser.TryParse(spec, out distribution, out error);

    /// <summary>Parses a spec that is known to be valid (code, tests); throws <see cref="FormatException"/> otherwise.</summary>
    public static DelayDistribution Parse(string spec) =>
        TryCreate(spec, out DelayDistribution? distribution, out string error) ? distribution : ThrowFormat(error);

    /// <summary>The end of every family's <c>TryCreate</c>: without a <paramref name="problem"/> the distribution
    /// <paramref name="create"/> makes and an empty error, else no distribution and the problem as the error.</summary>
    private protected static bool Checked<T>(string? problem, Func<T> create, [NotNullWhen(true)] out T? distribution, out string error)
        where T : DelayDistribution
    {
        distribution = problem is null ? create() : null;
        error = problem ?? string.Empty;
        return distribution is not null;
    }

    [DoesNotReturn]
    private protected static DelayDistribution ThrowFormat(string error) => throw new FormatException(error);

    [DoesNotReturn]
    private protected static T ThrowArgument<T>(string error) => throw new ArgumentException(error);
}
