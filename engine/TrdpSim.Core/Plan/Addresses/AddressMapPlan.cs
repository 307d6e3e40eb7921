namespace TrdpSim.Plan.Addresses;

/// <summary>The address rewrites a run asks for (<c>[import] address-map</c>, <c>--address-map</c>).</summary>
/// <remarks>The plan keeps the addresses as its sources wrote them until <see cref="AddressMapper.Apply"/>
/// rewrites them once, just before validation; a written configuration (<c>trdpsim import</c>) therefore
/// keeps a vehicle's real addresses next to the map that plays them elsewhere.</remarks>
public sealed class AddressMapPlan
{
    public List<AddressMapRule> Rules { get; } = [];

    /// <summary>Set once <see cref="AddressMapper.Apply"/> has rewritten the plan's addresses.</summary>
    public bool Applied { get; internal set; }
}
