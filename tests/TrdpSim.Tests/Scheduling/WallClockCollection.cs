namespace TrdpSim.Tests.Scheduling;

/// <summary>Tests that measure real time run alone, after the parallel CPU-heavy unit tests, so they do not
/// compete with them for the VM's two cores.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WallClockCollection
{
    public const string Name = "WallClock";
}
