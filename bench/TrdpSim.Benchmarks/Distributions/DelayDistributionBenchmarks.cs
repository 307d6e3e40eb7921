using BenchmarkDotNet.Attributes;
using TrdpSim.Distributions;

namespace TrdpSim.Benchmarks.Distributions;

/// <summary>
/// Cost of one reply-delay draw per distribution family (<see cref="DelayDistribution.Sample"/>) and of one
/// full per-request decision (<see cref="ReplyBehavior.Decide"/> with a lognormal delay and 10 % each of
/// no-reply, error and late reply), each through the virtual call the MD replier makes.
/// Expected: 0 bytes allocated everywhere; a few ns for constant/uniform/empirical/samples (one xoshiro256**
/// step plus arithmetic or a short binary search); roughly 10–25 ns for the families that need a log, exp,
/// pow or a polar Gaussian (normal, lognormal, exponential, pareto); Decide ≈ one extra draw over its delay.
/// </summary>
[MemoryDiagnoser]
public class DelayDistributionBenchmarks
{
    private const int Batch = 1024;

    private readonly DelayDistribution _constant = DelayDistribution.Parse("constant:5ms");
    private readonly DelayDistribution _uniform = DelayDistribution.Parse("uniform:1ms..10ms");
    private readonly DelayDistribution _normal = DelayDistribution.Parse("normal:mean=5ms,stddev=1ms");
    private readonly DelayDistribution _logNormal = DelayDistribution.Parse("lognormal:median=2ms,p99=20ms");
    private readonly DelayDistribution _exponential = DelayDistribution.Parse("exponential:mean=3ms");
    private readonly DelayDistribution _pareto = DelayDistribution.Parse("pareto:scale=1ms,shape=1.5");
    private readonly DelayDistribution _empirical = DelayDistribution.Parse("empirical:p0=1ms,p50=2ms,p90=5ms,p99=20ms,p100=50ms");
    private readonly DelayDistribution _samples = DelayDistribution.Parse("samples:1ms,2ms,2ms,3ms,40ms,4ms,5ms,6ms,7ms,8ms");
    private readonly ReplyBehavior _behavior = ReplyBehavior.Create(new ReplyBehaviorOptions
    {
        Delay = DelayDistribution.Parse("lognormal:median=2ms,p99=20ms"),
        NoReplyProbability = 0.1,
        ErrorProbability = 0.1,
        LateReplyProbability = 0.1,
    });

    private RandomStream _random = RandomStream.ForStream(1, "bench");

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    public long Constant() => Run(_constant);

    [Benchmark(OperationsPerInvoke = Batch)]
    public long Uniform() => Run(_uniform);

    [Benchmark(OperationsPerInvoke = Batch)]
    public long Normal() => Run(_normal);

    [Benchmark(OperationsPerInvoke = Batch)]
    public long LogNormal() => Run(_logNormal);

    [Benchmark(OperationsPerInvoke = Batch)]
    public long Exponential() => Run(_exponential);

    [Benchmark(OperationsPerInvoke = Batch)]
    public long Pareto() => Run(_pareto);

    [Benchmark(OperationsPerInvoke = Batch)]
    public long Empirical() => Run(_empirical);

    [Benchmark(OperationsPerInvoke = Batch)]
    public long Samples() => Run(_samples);

    [Benchmark(OperationsPerInvoke = Batch)]
    public long Decide()
    {
        long sum = 0;
        for (int i = 0; i < Batch; i++)
        {
            _behavior.Decide(ref _random, 2_000_000_000, out ReplyDecision decision);
            sum += decision.DelayNanoseconds;
        }

        return sum;
    }

    private long Run(DelayDistribution distribution)
    {
        long sum = 0;
        for (int i = 0; i < Batch; i++)
        {
            sum += distribution.Sample(ref _random);
        }

        return sum;
    }
}
