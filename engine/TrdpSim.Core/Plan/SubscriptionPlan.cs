namespace TrdpSim.Plan;

/// <summary>A PD subscription that supervises a telegram (or <see cref="Count"/> consecutive ComIds).</summary>
public sealed class SubscriptionPlan : PlanEntry, IInterfaceScoped
{
    /// <summary>The device's interfaces this item plays on (<c>a</c>, <c>b</c>, …); empty = the default (see
    /// <see cref="IInterfaceScoped"/>).</summary>
    public List<string> InterfaceScope { get; } = [];

    public string Name { get; set; } = string.Empty;

    public uint ComId { get; set; }

    /// <summary>Number of instances; instance i subscribes <c>ComId + i·ComIdStep</c>. Default 1.</summary>
    public int Count { get; set; } = 1;

    public uint ComIdStep { get; set; } = 1;

    /// <summary>Accepted source address (0 = any).</summary>
    public uint Source { get; set; }

    /// <summary>Second accepted source, e.g. a redundant partner (0 = none).</summary>
    public uint Source2 { get; set; }

    /// <summary>Multicast group to join and accept (0 = unicast to the device).</summary>
    public uint Destination { get; set; }

    /// <summary>Receive timeout; <c>null</c> = the network default; <see cref="Timeout.InfiniteTimeSpan"/>
    /// disables supervision. Values below 5 ms are raised to 5 ms, as TCNopen does.</summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>What a read returns after a timeout: zeros (default) or the last value.</summary>
    public TimeoutBehavior TimeoutBehavior { get; set; } = TimeoutBehavior.Zero;

    /// <summary>Topography filter (0 = don't care).</summary>
    public uint EtbTopoCount { get; set; }

    public uint OpTrainTopoCount { get; set; }

    /// <summary>Expected cycle of the publisher, for jitter figures; <c>null</c> = learn from arrivals.</summary>
    public TimeSpan? ExpectedCycle { get; set; }
}

/// <summary>TCNopen's <c>validity-behavior</c>.</summary>
public enum TimeoutBehavior
{
    /// <summary>Zero the data after a timeout.</summary>
    Zero,

    /// <summary>Keep the last valid data.</summary>
    Keep,
}
