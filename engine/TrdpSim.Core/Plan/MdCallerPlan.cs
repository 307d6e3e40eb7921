namespace TrdpSim.Plan;

/// <summary>A message-data caller: sends notifications or requests at a rate (or a fixed number of them).</summary>
public sealed class MdCallerPlan : PlanEntry, IInterfaceScoped
{
    /// <summary>The device's interfaces this item plays on (<c>a</c>, <c>b</c>, …); empty = the default (see
    /// <see cref="IInterfaceScoped"/>).</summary>
    public List<string> InterfaceScope { get; } = [];

    /// <summary>Name used in summaries and metrics.</summary>
    public string Name { get; set; } = string.Empty;

    public uint ComId { get; set; }

    /// <summary>Notification ('Mn', no reply) or request ('Mr').</summary>
    public MdCallKind Kind { get; set; } = MdCallKind.Request;

    /// <summary>UDP (default) or TCP.</summary>
    public MdProtocol Protocol { get; set; } = MdProtocol.Udp;

    /// <summary>Replier address (unicast) or multicast group, host order.</summary>
    public uint Destination { get; set; }

    /// <summary>Destination port; 0 = the network's MD port.</summary>
    public ushort DestinationPort { get; set; }

    /// <summary>New transactions per second, on an exact schedule from intended send times. Default 10.</summary>
    public double Rate { get; set; } = 10;

    /// <summary>Stop after this many transactions; <c>null</c> = until the run ends.</summary>
    public long? Count { get; set; }

    /// <summary>Most transactions of this caller open at once; a due transaction beyond it is counted
    /// as skipped (the caller could not keep up), never queued. Default 1000.</summary>
    public int MaxOutstanding { get; set; } = 1000;

    /// <summary>Reply timeout carried in the request; <c>null</c> = the network default (5 s).</summary>
    public TimeSpan? ReplyTimeout { get; set; }

    /// <summary>Replies expected: 1 for unicast; for multicast 0 = unknown (collect until the timeout).</summary>
    public int ExpectedReplies { get; set; } = 1;

    /// <summary>Retransmissions after a reply timeout (UDP unicast, one expected reply only; TCNopen max 2). Default 2.</summary>
    public int Retries { get; set; } = 2;

    /// <summary>User status sent in the 'Mc' that confirms an 'Mq'. Default 0.</summary>
    public int ConfirmStatus { get; set; }

    /// <summary>Source URI (user part, ≤ 32 ASCII characters).</summary>
    public string SourceUri { get; set; } = string.Empty;

    /// <summary>Destination URI (user part, ≤ 32 ASCII characters).</summary>
    public string DestinationUri { get; set; } = string.Empty;

    /// <summary>Dataset of the request payload, or <c>null</c> for <see cref="PayloadLength"/> raw bytes.</summary>
    public uint? DatasetId { get; set; }

    /// <summary>Raw payload length without a dataset (0 … 65388).</summary>
    public int PayloadLength { get; set; }

    public List<FieldGeneratorPlan> Fields { get; } = [];

    public uint EtbTopoCount { get; set; }

    public uint OpTrainTopoCount { get; set; }
}

/// <summary>What an MD caller sends.</summary>
public enum MdCallKind
{
    /// <summary>'Mn': no reply, no session.</summary>
    Notify,

    /// <summary>'Mr': a session that waits for 'Mp'/'Mq' (or 'Me').</summary>
    Request,
}

/// <summary>MD transport.</summary>
public enum MdProtocol
{
    Udp,
    Tcp,
}
