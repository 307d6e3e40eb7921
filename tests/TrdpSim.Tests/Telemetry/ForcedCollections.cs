namespace TrdpSim.Tests.Telemetry;

/// <summary>Tests that force garbage collections and read what the runtime says about them run one at a time: a
/// collection one of them forces in the middle of another's reads moves objects between generations under it.</summary>
[CollectionDefinition(Name)]
public sealed class ForcedCollections
{
    public const string Name = "Forced garbage collections";
}
