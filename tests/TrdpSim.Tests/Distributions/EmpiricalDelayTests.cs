namespace TrdpSim.Tests.Distributions;

public sealed class EmpiricalDelayTests
{
    private static readonly EmpiricalDelay Profile =
        (EmpiricalDelay)DelayDistribution.Parse("empirical:p0=1ms,p50=2ms,p90=5ms,p99=20ms,p100=50ms");

    [Theory]
    [InlineData(0.0, 1_000_000)]
    [InlineData(0.5, 2_000_000)]
    [InlineData(0.9, 5_000_000)]
    [InlineData(0.99, 20_000_000)]
    [InlineData(1.0, 50_000_000)]
    public void ConfiguredPointsAreExactQuantiles(double p, double expected) =>
        Assert.Equal(expected, Profile.Quantile(p), 1e-6);

    [Theory]
    [InlineData(0.25, 1_500_000)] // halfway between p0 and p50
    [InlineData(0.7, 3_500_000)] // halfway between p50 and p90
    [InlineData(0.945, 12_500_000)] // halfway between p90 and p99
    [InlineData(0.995, 35_000_000)] // halfway between p99 and p100
    public void BetweenPointsTheInverseCdfIsLinear(double p, double expected) =>
        Assert.Equal(expected, Profile.Quantile(p), 1e-3);

    [Fact]
    public void SamplesStayWithinP0AndP100AndFillEachSegmentInProportion()
    {
        var random = RandomStream.Create(5);
        const int N = 200_000;
        int belowP50 = 0;
        int aboveP99 = 0;
        for (int i = 0; i < N; i++)
        {
            long sample = Profile.Sample(ref random);
            Assert.InRange(sample, 1_000_000, 50_000_000);
            belowP50 += sample < 2_000_000 ? 1 : 0;
            aboveP99 += sample > 20_000_000 ? 1 : 0;
        }

        Assert.InRange(belowP50 / (double)N, 0.495, 0.505);
        Assert.InRange(aboveP99 / (double)N, 0.0088, 0.0112); // 5σ around 1 %
    }

    [Fact]
    public void FlatSegmentsGiveAPointMass()
    {
        var profile = EmpiricalDelay.Create([new(0, 1_000), new(80, 1_000), new(100, 2_000)]);
        Assert.Equal(1_000, profile.Quantile(0.4));
        Assert.Equal(1_000, profile.Quantile(0.8));
        Assert.Equal(1_500, profile.Quantile(0.9), 1e-6);
        Assert.Equal(new PercentilePoint(80, 1_000), profile.GetPoint(1));
        Assert.Equal(3, profile.PointCount);
    }

    [Fact]
    public void SingleRawSampleIsAConstant()
    {
        var sampled = SampledDelay.Create([3_000]);
        var random = RandomStream.Create(9);
        Assert.Equal(3_000, sampled.Sample(ref random));
        Assert.Equal(3_000, sampled.Quantile(0.99));
    }

    [Fact]
    public void RawSamplesInterpolateBetweenOrderStatistics()
    {
        var sampled = SampledDelay.Create([40_000, 1_000, 3_000, 2_000, 2_000]);
        Assert.Equal(1_000, sampled.Quantile(0));
        Assert.Equal(2_000, sampled.Quantile(0.5));
        Assert.Equal(3_000, sampled.Quantile(0.75));
        Assert.Equal(21_500, sampled.Quantile(0.875), 1e-6);
        Assert.Equal(40_000, sampled.Quantile(1));
    }
}
