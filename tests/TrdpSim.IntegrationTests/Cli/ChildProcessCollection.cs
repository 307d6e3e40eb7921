namespace TrdpSim.IntegrationTests.Cli;

/// <summary>The tests that start <c>trdpsim</c> as child processes run on their own, after the parallel ones: each
/// child JIT-compiles its start-up, and on a 2-core machine that load would skew the timing-sensitive loopback tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ChildProcessCollection
{
    public const string Name = "trdpsim child processes";
}
