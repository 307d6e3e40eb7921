namespace TrdpSim.Plan;

/// <summary>A device that periodically pulls a telegram with 'Pr' (trdp-wire.md §7.5).</summary>
public sealed class PullRequestPlan : PlanEntry, IInterfaceScoped
{
    /// <summary>The device's interfaces this item plays on (<c>a</c>, <c>b</c>, …); empty = the default (see
    /// <see cref="IInterfaceScoped"/>).</summary>
    public List<string> InterfaceScope { get; } = [];

    public string Name { get; set; } = string.Empty;

    /// <summary>ComId of the 'Pr': the responder must subscribe it.</summary>
    public uint ComId { get; set; }

    /// <summary>ComId the responder must send back as 'Pp' (0 = same as <see cref="ComId"/>).</summary>
    public uint ReplyComId { get; set; }

    /// <summary>Responder address, host order.</summary>
    public uint Target { get; set; }

    /// <summary>Where the 'Pp' must go (0 = the requester's own address).</summary>
    public uint ReplyAddress { get; set; }

    /// <summary>Time between requests.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Reply timeout for counting a pull as failed. Default 1 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(1);
}
