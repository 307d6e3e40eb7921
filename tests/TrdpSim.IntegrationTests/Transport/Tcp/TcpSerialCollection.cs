namespace TrdpSim.IntegrationTests.Transport.Tcp;

/// <summary>All TCP MD loopback tests: run alone, after the parallel ones, so other tests' allocations do
/// not count in the process-wide allocation figure, and our socket load and spin-waits do not disturb the
/// timing-sensitive daemon tests on a small machine.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TcpSerialCollection
{
    public const string Name = "TCP MD serial";
}
