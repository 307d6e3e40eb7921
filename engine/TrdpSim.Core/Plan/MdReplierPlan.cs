namespace TrdpSim.Plan;

/// <summary>A message-data replier (TCNopen listener) and how it behaves: what it answers, how late,
/// and how often it fails.</summary>
public sealed class MdReplierPlan : PlanEntry, IInterfaceScoped
{
    /// <summary>The device's interfaces this item plays on (<c>a</c>, <c>b</c>, …); empty = the default (see
    /// <see cref="IInterfaceScoped"/>).</summary>
    public List<string> InterfaceScope { get; } = [];

    public string Name { get; set; } = string.Empty;

    /// <summary>ComId the listener matches.</summary>
    public uint ComId { get; set; }

    /// <summary>UDP (default) or TCP requests.</summary>
    public MdProtocol Protocol { get; set; } = MdProtocol.Udp;

    /// <summary>Only requests from this address (0 = any).</summary>
    public uint Source { get; set; }

    /// <summary>Multicast group to join and listen on (0 = unicast to the device).</summary>
    public uint Group { get; set; }

    /// <summary>Only requests with this source URI (empty = any; compared case-insensitively).</summary>
    public string SourceUriFilter { get; set; } = string.Empty;

    /// <summary>Only requests with this destination URI (empty = any; compared case-insensitively).</summary>
    public string DestinationUriFilter { get; set; } = string.Empty;

    /// <summary>'Mp' (default) or 'Mq' (reply asking for a confirmation).</summary>
    public MdReplyKind Reply { get; set; } = MdReplyKind.Reply;

    /// <summary>ComId of the reply (0 = the request's).</summary>
    public uint ReplyComId { get; set; }

    /// <summary>User status in the reply (≥ 0). Default 0.</summary>
    public int UserStatus { get; set; }

    /// <summary>How long an 'Mq' waits for its 'Mc'. Default 1 s (TCNopen default).</summary>
    public TimeSpan ConfirmTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Reply-delay distribution spec (Distributions part), e.g. <c>constant:0</c>,
    /// <c>lognormal:median=2ms,p99=20ms</c>. Default <c>constant:0</c>.</summary>
    public string Delay { get; set; } = "constant:0";

    /// <summary>Probability of not answering at all.</summary>
    public double NoReplyProbability { get; set; }

    /// <summary>Probability of answering with an 'Me' carrying <see cref="ErrorStatus"/>.</summary>
    public double ErrorProbability { get; set; }

    /// <summary>Status of the 'Me' sent with <see cref="ErrorProbability"/>. Default -3 (no replier).</summary>
    public int ErrorStatus { get; set; } = -3;

    /// <summary>Probability of replying only after the caller's reply timeout has passed.</summary>
    public double LateReplyProbability { get; set; }

    /// <summary>The replier's own URI, sent as the reply's source URI.</summary>
    public string SourceUri { get; set; } = string.Empty;

    /// <summary>Dataset of the reply payload, or <c>null</c> for <see cref="PayloadLength"/> raw bytes.</summary>
    public uint? DatasetId { get; set; }

    public int PayloadLength { get; set; }

    public List<FieldGeneratorPlan> Fields { get; } = [];
}

/// <summary>How a replier answers.</summary>
public enum MdReplyKind
{
    /// <summary>'Mp': reply, no confirmation.</summary>
    Reply,

    /// <summary>'Mq': reply, confirmation ('Mc') requested.</summary>
    ReplyWithConfirm,
}
