using CsCheck;

namespace TrdpSim.Tests.Distributions;

public sealed class DelaySpecTests
{
    [Theory]
    [InlineData("constant:5ms", "constant:5ms", typeof(ConstantDelay))]
    [InlineData("constant:0", "constant:0", typeof(ConstantDelay))]
    [InlineData(" Uniform : 1ms .. 10ms ", "uniform:1ms..10ms", typeof(UniformDelay))]
    [InlineData("normal:stddev=1000us,mean=5ms", "normal:mean=5ms,stddev=1ms", typeof(NormalDelay))]
    [InlineData("lognormal:median=2ms,p99=20ms", "lognormal:median=2ms,p99=20ms", typeof(LogNormalDelay))]
    [InlineData("exponential:mean=3ms", "exponential:mean=3ms", typeof(ExponentialDelay))]
    [InlineData("pareto:scale=1ms,shape=1.5", "pareto:scale=1ms,shape=1.5", typeof(ParetoDelay))]
    [InlineData("empirical:p0=1ms,p50=2ms,p99=20ms,p100=50ms", "empirical:p0=1ms,p50=2ms,p99=20ms,p100=50ms", typeof(EmpiricalDelay))]
    [InlineData("empirical:p100=50ms,p0=1ms,p99.9=30ms", "empirical:p0=1ms,p99.9=30ms,p100=50ms", typeof(EmpiricalDelay))]
    [InlineData("samples:3ms,1ms,40ms,2ms,2ms", "samples:1ms,2ms,2ms,3ms,40ms", typeof(SampledDelay))]
    [InlineData("constant:1.5ms", "constant:1.5ms", typeof(ConstantDelay))]
    [InlineData("constant:250ns", "constant:250ns", typeof(ConstantDelay))]
    [InlineData("constant:1500000ns", "constant:1.5ms", typeof(ConstantDelay))]
    [InlineData("constant:2.000000001s", "constant:2.000000001s", typeof(ConstantDelay))]
    [InlineData("constant:7\u00B5s", "constant:7us", typeof(ConstantDelay))]
    public void ValidSpecsParseToTheirCanonicalDescription(string spec, string canonical, Type type)
    {
        Assert.True(DelayDistribution.TryCreate(spec, out DelayDistribution? distribution, out string error), error);
        Assert.IsType(type, distribution);
        Assert.Equal(canonical, distribution.Describe());
        Assert.Equal(string.Empty, error);
    }

    [Theory]
    [InlineData(null, "empty delay spec")]
    [InlineData("  ", "empty delay spec")]
    [InlineData("5ms", "needs '<family>:<parameters>'")]
    [InlineData("gamma:k=2", "unknown delay distribution 'gamma'")]
    [InlineData("constant:", "constant: missing parameters")]
    [InlineData("constant:5", "needs a unit")]
    [InlineData("constant:5min", "unknown unit 'min'")]
    [InlineData("constant:-5ms", "negative")]
    [InlineData("constant:1.2.3ms", "is not a duration")]
    [InlineData("constant:79228162514264337593543950335s", "is too large")]
    [InlineData("constant:9300000000s", "is too large")]
    [InlineData("uniform:1ms-10ms", "expected 'min..max'")]
    [InlineData("uniform:10ms..1ms", "max (1ms) must be >= min (10ms)")]
    [InlineData("uniform:1ms..", "uniform: max: empty duration")]
    [InlineData("normal:mean=5ms", "normal: missing 'stddev'")]
    [InlineData("normal:mean=5ms,stddev=0", "stddev must be > 0")]
    [InlineData("normal:mean=5ms,stddev=1ms,mean=4ms", "'mean' is given twice")]
    [InlineData("normal:mean=5ms,sigma=1ms", "unknown parameter 'sigma'")]
    [InlineData("normal:5ms,1ms", "expected 'mean=…,stddev=…'")]
    [InlineData("lognormal:median=20ms,p99=2ms", "p99 (2ms) must be greater than median (20ms)")]
    [InlineData("lognormal:median=0,p99=2ms", "median must be > 0")]
    [InlineData("exponential:mean=0", "exponential: mean must be > 0")]
    [InlineData("pareto:scale=1ms,shape=0", "shape must be a finite number > 0")]
    [InlineData("pareto:scale=1ms,shape=x", "shape 'x' is not a number")]
    [InlineData("pareto:scale=0,shape=2", "scale must be > 0")]
    [InlineData("empirical:p50=2ms,p100=5ms", "needs p0 (the minimum) and p100")]
    [InlineData("empirical:p0=1ms,p50=2ms", "needs p0 (the minimum) and p100")]
    [InlineData("empirical:p0=1ms,p50=5ms,p90=2ms,p100=9ms", "delays must not decrease")]
    [InlineData("empirical:p0=1ms,p50=2ms,p50=3ms,p100=9ms", "p50 is given twice")]
    [InlineData("empirical:p0=1ms,p120=2ms", "outside 0..100")]
    [InlineData("empirical:q50=1ms", "expected 'p<percentile>=<duration>'")]
    [InlineData("empirical:p0=1ms", "needs at least p0 and p100")]
    [InlineData("samples:1ms,,2ms", "samples: sample 2: empty duration")]
    public void InvalidSpecsReportWhatIsWrong(string? spec, string fragment)
    {
        Assert.False(DelayDistribution.TryCreate(spec, out DelayDistribution? distribution, out string error));
        Assert.Null(distribution);
        Assert.Contains(fragment, error, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseThrowsFormatExceptionWithTheError()
    {
        var exception = Assert.Throws<FormatException>(() => DelayDistribution.Parse("uniform:2ms..1ms"));
        Assert.Contains("must be >= min", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DescribeRoundTripsToAnIdenticalSampler()
    {
        Gen.Select(Gen.Long[0, 10_000_000_000], Gen.Long[1, 5_000_000_000], Gen.Double[0.1, 10], Gen.Int[0, 7])
            .Sample((a, b, shape, family) =>
            {
                string spec = family switch
                {
                    0 => $"constant:{a}ns",
                    1 => $"uniform:{a}ns..{a + b}ns",
                    2 => $"normal:mean={a}ns,stddev={b}ns",
                    3 => $"lognormal:median={b}ns,p99={b + a + 1}ns",
                    4 => $"exponential:mean={b}ns",
                    5 => $"pareto:scale={b}ns,shape={shape.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}",
                    6 => $"empirical:p0={a}ns,p{shape * 9:R}={a + b}ns,p100={a + b + b}ns",
                    _ => $"samples:{a}ns,{b}ns,{a + b}ns",
                };
                DelayDistribution first = DelayDistribution.Parse(spec);
                DelayDistribution second = DelayDistribution.Parse(first.Describe());
                Assert.Equal(first.Describe(), second.Describe());
                var r1 = RandomStream.Create((ulong)a);
                var r2 = RandomStream.Create((ulong)a);
                for (int i = 0; i < 8; i++)
                {
                    Assert.Equal(first.Sample(ref r1), second.Sample(ref r2));
                }

                Assert.Equal(first.Quantile(0.9), second.Quantile(0.9));
            });
    }

    [Fact]
    public void QuantilesNeverDecreaseWithP()
    {
        string[] specs =
        [
            "uniform:1ms..10ms", "normal:mean=1ms,stddev=2ms", "lognormal:median=2ms,p99=20ms", "exponential:mean=3ms",
            "pareto:scale=1ms,shape=1.5", "empirical:p0=1ms,p50=2ms,p90=2ms,p99=20ms,p100=50ms", "samples:1ms,2ms,2ms,3ms,40ms",
        ];
        foreach (string spec in specs)
        {
            DelayDistribution distribution = DelayDistribution.Parse(spec);
            double previous = distribution.Quantile(0);
            for (int i = 1; i <= 1000; i++)
            {
                double q = distribution.Quantile(i / 1000.0);
                Assert.True(q >= previous, $"{spec}: Quantile({i / 1000.0}) = {q} < {previous}");
                previous = q;
            }
        }
    }
}
