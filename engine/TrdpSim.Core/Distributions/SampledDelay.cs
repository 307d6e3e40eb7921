using System.Diagnostics.CodeAnalysis;
using System.Text;
using TrdpSim.Distributions.Internal;

namespace TrdpSim.Distributions;

/// <summary>Replays the shape of measured delays: <c>samples:1ms,2ms,2ms,3ms,40ms</c>.</summary>
/// <remarks>
/// <para><b>Model.</b> The n samples are sorted once; the inverse CDF linearly interpolates between order
/// statistics: Quantile(p) = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]) with h = p·(n − 1) (Hyndman–Fan type 7, the
/// default of R and NumPy). Sampling evaluates it at one uniform draw, so results stay within
/// [min, max] and repeat the recorded shape without only ever returning recorded values.</para>
/// <para>The sample array is copied: later changes to the caller's data do not affect the distribution.</para>
/// </remarks>
internal sealed class SampledDelay : DelayDistribution
{
    private readonly long[] _sorted;

    private SampledDelay(long[] sorted) => _sorted = sorted;

    /// <summary>Number of recorded samples.</summary>
    public int Count => _sorted.Length;

    /// <inheritdoc/>
    public override string Kind => "samples";

    /// <summary>Validates (at least one sample, none negative), copies and sorts <paramref name="samplesNanoseconds"/>.</summary>
    public static bool TryCreate(ReadOnlySpan<long> samplesNanoseconds, [NotNullWhen(true)] out SampledDelay? distribution, out string error)
    {
        distribution = null;
        if (samplesNanoseconds.IsEmpty)
        {
            error = "samples: needs at least one sample";
            return false;
        }

        for (int i = 0; i < samplesNanoseconds.Length; i++)
        {
            if (samplesNanoseconds[i] < 0)
            {
                error = $"samples: sample {i + 1} is negative ({samplesNanoseconds[i]}ns)";
                return false;
            }
        }

        long[] sorted = samplesNanoseconds.ToArray();
        Array.Sort(sorted);
        distribution = new SampledDelay(sorted);
        error = string.Empty;
        return true;
    }

    /// <summary>Creates a distribution from known-good code values; throws <see cref="ArgumentException"/> otherwise.</summary>
    public static SampledDelay Create(ReadOnlySpan<long> samplesNanoseconds) =>
        TryCreate(samplesNanoseconds, out SampledDelay? d, out string error) ? d : ThrowArgument<SampledDelay>(error);

    /// <inheritdoc/>
    public override long Sample(ref RandomStream random) => DelayMath.ToNanoseconds(Interpolate(random.NextDouble()));

    /// <inheritdoc/>
    public override double Quantile(double p) => Interpolate(DelayMath.ClampProbability(p));

    /// <inheritdoc/>
    public override string Describe()
    {
        var text = new StringBuilder("samples:");
        for (int i = 0; i < _sorted.Length; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            text.Append(DelayText.FormatDuration(_sorted[i]));
        }

        return text.ToString();
    }

    private double Interpolate(double p)
    {
        long[] sorted = _sorted;
        double h = p * (sorted.Length - 1);
        int index = (int)h;
        if (index >= sorted.Length - 1)
        {
            return sorted[^1];
        }

        return sorted[index] + ((h - index) * (sorted[index + 1] - sorted[index]));
    }
}
