namespace TrdpSim.Plan;

/// <summary>A device that pulls a device under test's statistics (ComId 31, trdp-wire.md §7.8) on an interval and
/// records every field as a series (<c>[[device.poll-statistics]]</c>).</summary>
/// <remarks>It runs as a pull ('Pr' ComId 31, replyComId 31) with a reply subscription that accepts the target's
/// 'Pp' only, so its round trips and unanswered requests are counted like any pull's. Like a pull it leaves from the
/// first interface of its scope and asks its reply back to that interface's address.</remarks>
public sealed class StatisticsPollPlan : PlanEntry, IInterfaceScoped
{
    /// <summary>The device's interfaces this poll plays on (<c>a</c>, <c>b</c>, …); empty = the default (see
    /// <see cref="IInterfaceScoped"/>).</summary>
    public List<string> InterfaceScope { get; } = [];

    /// <summary>Default name when none is given.</summary>
    public const string DefaultName = "statistics";

    public string Name { get; set; } = DefaultName;

    /// <summary>The device under test, host order.</summary>
    public uint Target { get; set; }

    /// <summary>Time between polls. Default 1 s.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a poll waits for its reply. Default 1 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(1);
}
