namespace TrdpSim.Plan;

/// <summary>A virtual TRDP end device: one IPv4 address with its publications, subscriptions and pulls.</summary>
public sealed class DevicePlan : PlanEntry
{
    public string Name { get; set; } = string.Empty;

    /// <summary>The device's own IPv4 address (host order, 127.0.0.2 == 0x7F000002). Its PD receive
    /// socket binds this address; its sends leave from it.</summary>
    public uint Address { get; set; }

    /// <summary>Bus interfaces of a multi-homed device: every address it sends from, in order (named <c>a</c>,
    /// <c>b</c>, … by <see cref="InterfaceNames"/>), the first being <see cref="Address"/>; empty = one interface at
    /// <see cref="Address"/>.</summary>
    public List<uint> Interfaces { get; } = [];

    /// <summary>The device's current ETB topography counter (0 = not set: rejects non-zero counters).</summary>
    public uint EtbTopoCount { get; set; }

    /// <summary>The device's current operational-train topography counter.</summary>
    public uint OpTrainTopoCount { get; set; }

    public List<PublicationPlan> Publications { get; } = [];

    public List<SubscriptionPlan> Subscriptions { get; } = [];

    public List<PullRequestPlan> PullRequests { get; } = [];

    /// <summary>Statistics polls of devices under test (<c>[[device.poll-statistics]]</c>).</summary>
    public List<StatisticsPollPlan> StatisticsPolls { get; } = [];

    /// <summary>Message-data callers of this device.</summary>
    public List<MdCallerPlan> MdCallers { get; } = [];

    /// <summary>Message-data repliers (listeners) of this device.</summary>
    public List<MdReplierPlan> MdRepliers { get; } = [];
}
