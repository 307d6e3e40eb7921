namespace TrdpSim.IntegrationTests.Transport.Tcp;

/// <summary>Tests that measure process-wide allocation or spin: run alone, after the parallel ones, so other
/// tests' allocations do not count and the spinning does not starve their timing.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TcpSerialCollection
{
    public const string Name = "TCP MD serial";
}
