using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Validators;

namespace TrdpSim.Benchmarks;

/// <summary>One configuration for every benchmark: workstation, non-concurrent GC so allocation
/// figures are exact; memory diagnoser always on; unoptimised builds fail the run.</summary>
internal static class BenchConfig
{
    public static IConfig Create() => DefaultConfig.Instance
        .AddJob(Job.Default.WithGcServer(false).WithGcConcurrent(false))
        .AddDiagnoser(MemoryDiagnoser.Default)
        .AddValidator(JitOptimizationsValidator.FailOnError);
}
