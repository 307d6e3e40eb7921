namespace TrdpSim.Plan.Thresholds;

/// <summary>One metric thresholds can name: its kind, the tags it can be filtered by, and what it means.</summary>
/// <param name="Name">The name used in selectors, e.g. <c>pd_loss_ratio</c>.</param>
/// <param name="Kind">Counter, ratio, gauge or latency.</param>
/// <param name="Family">Which telemetry it reads (and so which tags and roles exist).</param>
/// <param name="Tags">Tag names a selector may filter on.</param>
/// <param name="Description">One line for documentation and error messages.</param>
/// <param name="CountsText">Ratios: how to name the counts behind a value, a format with {0} = numerator and
/// {1} = denominator (e.g. <c>{0} of {1} lost</c>), so a tiny ratio reads as the events it stands for.</param>
internal sealed record MetricDefinition(string Name, MetricKind Kind, MetricFamily Family, string[] Tags, string Description,
    string? CountsText = null);

/// <summary>Where a metric's series come from.</summary>
internal enum MetricFamily
{
    /// <summary>PD telegram groups (publications, subscriptions, pulls): tags device, telegram, comId, role.</summary>
    ProcessData,

    /// <summary>MD callers and repliers: tags device, telegram, comId, role.</summary>
    MessageData,

    /// <summary>Statistics polled from devices under test (ComId 31): tags device (the polling device), telegram
    /// (the poll's name), field (a statistics field such as <c>pd.numCrcErr</c>).</summary>
    DutStatistics,

    /// <summary>Receive rejects: tag reason.</summary>
    Rejects,

    /// <summary>Engine-wide figures: no tags.</summary>
    Engine,
}
