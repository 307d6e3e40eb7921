namespace TrdpSim.Plan;

/// <summary>A pass/fail rule on one metric of the run (k6-style threshold): <see cref="Metric"/>
/// selects the series, <see cref="Rule"/> says what must hold, and the mode says over which span.</summary>
/// <remarks>
/// Three modes: by default the rule is checked on the whole run so far (every second, and finally at the
/// end, which decides); with <see cref="Over"/> it must hold in every sliding window of that length;
/// with <see cref="For"/> it fails only when it has been violated continuously for that long (both may
/// be combined). <see cref="AbortOnFail"/> stops the run as soon as the threshold fails, but never
/// before <see cref="Grace"/> has passed since the run start (k6's <c>delayAbortEval</c>).
/// </remarks>
public sealed class ThresholdPlan : PlanEntry
{
    /// <summary>The metric selector as written, e.g. <c>pd_loss_ratio{comId=1000}</c>.</summary>
    public string MetricText { get; set; } = string.Empty;

    /// <summary>The parsed selector.</summary>
    public MetricSelector Metric { get; set; } = new(string.Empty, []);

    /// <summary>The rule as written, e.g. <c>p(99) &lt; 2ms</c>.</summary>
    public string RuleText { get; set; } = string.Empty;

    /// <summary>The parsed rule.</summary>
    public ThresholdRule Rule { get; set; } = new(ThresholdAggregation.Count, 0, ThresholdComparison.Equal, 0, false);

    /// <summary>Sliding window the rule must hold in (whole seconds); <c>null</c> = the whole run.</summary>
    public TimeSpan? Over { get; set; }

    /// <summary>How long a violation must last before the threshold fails; <c>null</c> = at once.</summary>
    public TimeSpan? For { get; set; }

    /// <summary>Stop the run when this threshold fails (after <see cref="Grace"/>). Default false.</summary>
    public bool AbortOnFail { get; set; }

    /// <summary>Time from the run start during which a failure does not abort the run. Default 0.</summary>
    public TimeSpan Grace { get; set; }

    /// <summary>One-line description used in reports and as the Prometheus label, e.g.
    /// <c>pd_jitter{device=a}: p(99) &lt; 2ms over 60s</c>.</summary>
    public string Text
    {
        get
        {
            string text = MetricText + ": " + RuleText;
            if (Over is { } over)
            {
                text += " over " + DurationParser.Format(over);
            }

            if (For is { } sustained)
            {
                text += " for " + DurationParser.Format(sustained);
            }

            return text;
        }
    }
}
