using TrdpSim.Tests.Infrastructure;

namespace TrdpSim.Tests.Distributions;

/// <summary>Sample and Decide run once per MD request on the hot path: after construction they allocate nothing.</summary>
public sealed class DistributionAllocationTests
{
    [Theory]
    [InlineData("constant:5ms")]
    [InlineData("uniform:1ms..10ms")]
    [InlineData("normal:mean=5ms,stddev=1ms")]
    [InlineData("lognormal:median=2ms,p99=20ms")]
    [InlineData("exponential:mean=3ms")]
    [InlineData("pareto:scale=1ms,shape=1.5")]
    [InlineData("empirical:p0=1ms,p50=2ms,p90=5ms,p99=20ms,p100=50ms")]
    [InlineData("samples:1ms,2ms,2ms,3ms,40ms")]
    public void SampleAllocatesNothing(string spec)
    {
        DelayDistribution distribution = DelayDistribution.Parse(spec);
        var random = RandomStream.Create(1);
        long sum = 0;
        long allocated = SteadyAllocation.Fewest(() => sum += SampleMany(distribution, ref random, 100_000));

        Assert.True(sum > 0);
        Assert.True(allocated == 0, $"{spec}: 100000 samples allocated {allocated} bytes");
    }

    [Fact]
    public void DecideAllocatesNothing()
    {
        var behavior = ReplyBehavior.Create(new ReplyBehaviorOptions
        {
            Delay = DelayDistribution.Parse("lognormal:median=2ms,p99=20ms"),
            NoReplyProbability = 0.1,
            ErrorProbability = 0.1,
            ErrorDelay = DelayDistribution.Parse("uniform:0..1ms"),
            LateReplyProbability = 0.1,
        });
        var random = RandomStream.ForStream(1, "alloc");
        long sum = 0;
        long allocated = SteadyAllocation.Fewest(() => sum += DecideMany(behavior, ref random, 100_000));

        Assert.True(sum > 0);
        Assert.True(allocated == 0, $"100000 decisions allocated {allocated} bytes");
    }

    [Fact]
    public void RandomAndHashAllocateNothing()
    {
        var random = RandomStream.Create(1);
        const string Name = "replier/door-control/1201";
        ulong sink = StableNameHash.Fnv1a64(Name) + random.NextUInt64();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100_000; i++)
        {
            sink += random.NextUInt64() + (ulong)(random.NextDouble() + random.NextGaussian() + random.NextDoubleExcludingZero());
            sink += StableNameHash.Fnv1a64(Name);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(sink != 1);
        Assert.True(allocated == 0, $"random/hash loop allocated {allocated} bytes");
    }

    private static long SampleMany(DelayDistribution distribution, ref RandomStream random, int count)
    {
        long sum = 0;
        for (int i = 0; i < count; i++)
        {
            sum += distribution.Sample(ref random);
        }

        return sum;
    }

    private static long DecideMany(ReplyBehavior behavior, ref RandomStream random, int count)
    {
        long sum = 0;
        for (int i = 0; i < count; i++)
        {
            behavior.Decide(ref random, 2_000_000_000, out ReplyDecision decision);
            sum += decision.DelayNanoseconds + (int)decision.Action;
        }

        return sum;
    }
}
