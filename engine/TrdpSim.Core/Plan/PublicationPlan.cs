namespace TrdpSim.Plan;

/// <summary>A published PD telegram (or <see cref="Count"/> of them with consecutive ComIds).</summary>
public sealed class PublicationPlan : PlanEntry, IInterfaceScoped
{
    /// <summary>The device's interfaces this item plays on (<c>a</c>, <c>b</c>, …); empty = the default (see
    /// <see cref="IInterfaceScoped"/>).</summary>
    public List<string> InterfaceScope { get; } = [];

    /// <summary>Name used in summaries and runtime commands; instances get <c>name#i</c>.</summary>
    public string Name { get; set; } = string.Empty;

    public uint ComId { get; set; }

    /// <summary>Number of instances; instance i uses <c>ComId + i·ComIdStep</c>. Default 1.</summary>
    public int Count { get; set; } = 1;

    /// <summary>ComId increment between instances. Default 1.</summary>
    public uint ComIdStep { get; set; } = 1;

    /// <summary>Dataset describing the payload, or <c>null</c> for raw bytes (<see cref="PayloadLength"/>).</summary>
    public uint? DatasetId { get; set; }

    /// <summary>Raw payload length when no dataset is given (zero bytes unless fields say otherwise).</summary>
    public int PayloadLength { get; set; }

    /// <summary>Cycle time; zero = pull-only (sent only as a reply to a 'Pr').</summary>
    public TimeSpan Cycle { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Fixed start offset within the cycle; <c>null</c> lets traffic shaping place it.</summary>
    public TimeSpan? Offset { get; set; }

    /// <summary>Destination address (unicast or multicast group), host order.</summary>
    public uint Destination { get; set; }

    /// <summary>Destination port; 0 = the network's PD port.</summary>
    public ushort DestinationPort { get; set; }

    /// <summary>Topography counters written into the header (0 = don't care).</summary>
    public uint EtbTopoCount { get; set; }

    public uint OpTrainTopoCount { get; set; }

    /// <summary>Redundancy group (0 = none). Members start as followers (TCNopen ticket #355).</summary>
    public uint RedundancyGroup { get; set; }

    /// <summary>How long the group's followers wait without hearing the leader before one takes the lead
    /// (<c>takeover-after</c>); null = three cycles of the group's slowest telegram, <see cref="Timeout.InfiniteTimeSpan"/>
    /// = never (switchover on command only). Only with <see cref="RedundancyGroup"/>; members agree.</summary>
    public TimeSpan? TakeoverAfter { get; set; }

    /// <summary>Field generators that fill the payload each cycle.</summary>
    public List<FieldGeneratorPlan> Fields { get; } = [];
}
