using TrdpSim.Plan.Addresses;

namespace TrdpSim.Cli.Commands;

/// <summary>How <c>run</c> and <c>validate</c> prepare a loaded plan: address rewrites from the command line and
/// whether traffic may leave the machine.</summary>
internal sealed record PlanOptions
{
    public static PlanOptions None { get; } = new();

    /// <summary><c>--address-map</c> rules, added to the plan's own (<c>[import] address-map</c>).</summary>
    public IReadOnlyList<AddressMapRule> AddressMap { get; init; } = [];

    /// <summary><c>--allow-network</c>.</summary>
    public bool AllowNetwork { get; init; }

    /// <summary>The plan is about to run: an address outside loopback is an error (for <c>validate</c>, which
    /// never sends, a warning that says <c>run</c> would refuse it).</summary>
    public bool ForRun { get; init; }
}
