using TrdpSim.Records.Analysis;
using Xunit;

namespace TrdpSim.Tests.Records;

/// <summary>The soak's trend estimator sees a steady creep through noise and ignores a single step or spike.</summary>
public sealed class TrendSlopeTests
{
    [Fact]
    public void ASteadyCreepIsMeasuredThroughNoise()
    {
        double[] x = [.. Enumerable.Range(0, 60).Select(i => (double)i)];
        double[] y = [.. x.Select(t => 100 + (0.5 * t) + ((t * 7919 % 13) - 6))];
        Assert.InRange(TrendSlope.TheilSen(x, y), 0.4, 0.6);
    }

    [Fact]
    public void AFlatSeriesWithASpikeAndAStepAtTheEndIsFlat()
    {
        double[] x = [.. Enumerable.Range(0, 40).Select(i => (double)i)];
        double[] y = [.. x.Select(t => t == 10 ? 500 : t >= 37 ? 120 : 100.0)];
        Assert.Equal(0, TrendSlope.TheilSen(x, y), 6);
    }
}
