using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Validators;

namespace TrdpSim.Benchmarks;

/// <summary>One configuration for every benchmark: memory diagnoser always on; unoptimised builds fail
/// the run. Workstation non-concurrent GC (exact allocation figures) comes from the project file, so
/// a job chosen on the command line (<c>--job short</c>) replaces the default instead of adding to it.</summary>
internal static class BenchConfig
{
    public static IConfig Create() => DefaultConfig.Instance
        .AddDiagnoser(MemoryDiagnoser.Default)
        .AddValidator(JitOptimizationsValidator.FailOnError);
}
