namespace TrdpSim.Plan;

/// <summary>A metric name with tag filters, as in <c>pd_loss_ratio{comId=1000,device=a}</c>.</summary>
/// <remarks>A series matches when every filter matches (AND); several matching series are summed
/// (counters) or merged (histograms). Tag names and values are checked against the metric catalog
/// (<c>Telemetry/Thresholds/MetricCatalog</c>) when the plan is read.</remarks>
public sealed record MetricSelector(string Name, IReadOnlyList<TagFilter> Tags)
{
    /// <summary>The filter value for <paramref name="tag"/>, or <c>null</c> when not filtered.</summary>
    public string? Tag(string tag)
    {
        foreach (TagFilter filter in Tags)
        {
            if (filter.Tag == tag)
            {
                return filter.Value;
            }
        }

        return null;
    }
}

/// <summary>One <c>tag=value</c> filter of a <see cref="MetricSelector"/>.</summary>
public readonly record struct TagFilter(string Tag, string Value);
