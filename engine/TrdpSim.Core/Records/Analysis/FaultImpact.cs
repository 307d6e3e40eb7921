namespace TrdpSim.Records.Analysis;

/// <summary>What one fault or control action did to one figure of one group.</summary>
/// <param name="Event">The fault's name or the control action's target and action.</param>
/// <param name="FromMilliseconds">When it began (run time).</param>
/// <param name="ToMilliseconds">When it ended (null: it lasted to the end of the run).</param>
/// <param name="Group">The group's label.</param>
/// <param name="Metric">The figure that moved.</param>
/// <param name="Before">Median over the intervals before it (or, when it began with the run, after it).</param>
/// <param name="During">Median over the intervals it overlapped.</param>
/// <param name="RecoveryMilliseconds">From its end to the end of the first interval back inside the calm band
/// (null: not recovered by the end of the run, or it never ended).</param>
/// <param name="Note">How the calm was measured, or why the recovery is unknown.</param>
internal sealed record ImpactRow(string Event, long FromMilliseconds, long? ToMilliseconds, string Group, IntervalMetric Metric,
    double Before, double During, long? RecoveryMilliseconds, string Note)
{
    /// <summary>(During − Before) / Before; infinite from a zero calm.</summary>
    public double RelativeChange => Before != 0 ? (During - Before) / Math.Abs(Before) : During == Before ? 0 : double.PositiveInfinity * Math.Sign(During - Before);
}

/// <summary>Attributes changes in a run's interval series to its faults and control actions: for each, which
/// groups' figures moved beyond the calm around it, by how much, and how long they took to come back.</summary>
/// <remarks>
/// <para>The calm of a figure is the intervals before the event (at most <see cref="CalmIntervals"/>, the warm-up
/// interval left out); an event that began with the run is measured against the intervals after it instead.
/// The figure moved when the median over the intervals the event overlaps leaves the calm band — the calm's
/// range widened by the metric's floor — and differs from the calm's median by at least
/// <see cref="ComparisonRules.WarningChange"/>. A band rather than a test: a fault is often one or two
/// intervals long, too few for a rank test, and the calm's own spread is the noise that matters here.</para>
/// <para>Recovery is measured in whole intervals: the end of the first interval after the event that is back in
/// the band, less the event's end. Overlapping events share the blame: each is reported on its own.</para>
/// </remarks>
internal static class FaultImpact
{
    /// <summary>How many intervals before an event make its calm.</summary>
    public const int CalmIntervals = 12;

    /// <summary>The events a run's impact analysis looks at: faults (start to end) and control actions (to the
    /// next action on the same target, or to the run's end).</summary>
    public static List<(string Label, long From, long? To)> Windows(RunRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var windows = new List<(string, long, long?)>();
        IReadOnlyList<StoredEvent> events = record.Events;
        for (int i = 0; i < events.Count; i++)
        {
            StoredEvent e = events[i];
            if (e.Kind == StoredEventKinds.FaultStart)
            {
                long? end = null;
                for (int j = i + 1; j < events.Count; j++)
                {
                    if (events[j].Kind == StoredEventKinds.FaultEnd && events[j].Subject == e.Subject)
                    {
                        end = events[j].Detail == "run ended" ? null : events[j].AtMilliseconds;
                        break;
                    }
                }

                windows.Add(($"fault {e.Subject} ({e.Detail})", e.AtMilliseconds, end));
            }
            else if (e.Kind == StoredEventKinds.Control)
            {
                long? end = null;
                for (int j = i + 1; j < events.Count; j++)
                {
                    if (events[j].Kind == StoredEventKinds.Control && events[j].Subject == e.Subject)
                    {
                        end = events[j].AtMilliseconds;
                        break;
                    }
                }

                windows.Add(($"{e.Source}: {e.Detail} on {e.Subject}", e.AtMilliseconds, end));
            }
        }

        return windows;
    }

    /// <summary>Every figure of every group that moved during one of the run's events.</summary>
    public static List<ImpactRow> Analyse(RunRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var rows = new List<ImpactRow>();
        foreach ((string label, long from, long? to) in Windows(record))
        {
            foreach (StoredGroup group in record.Groups)
            {
                foreach (IntervalMetric metric in IntervalMetric.For(group.Kind))
                {
                    if (Judge(label, from, to, group.Label, metric, MetricSeries.Of(record.Series[group.Index], metric)) is { } row)
                    {
                        rows.Add(row);
                    }
                }
            }
        }

        return rows;
    }

    /// <summary>The impact of one event on one figure, or null when the figure stayed in its calm band (or there
    /// is no calm to judge it by).</summary>
    public static ImpactRow? Judge(string label, long from, long? to, string group, IntervalMetric metric, List<MetricPoint> points)
    {
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentNullException.ThrowIfNull(points);
        long end = to ?? long.MaxValue;
        var calm = new List<double>();
        var during = new List<double>();
        int firstAfter = points.Count;
        for (int i = 0; i < points.Count; i++)
        {
            MetricPoint p = points[i];
            if (p.EndMilliseconds <= from)
            {
                if (p.StartMilliseconds > 0 || points.Count <= 2)
                {
                    calm.Add(p.Value); // the first interval is warm-up
                }
            }
            else if (p.StartMilliseconds < end)
            {
                during.Add(p.Value);
            }
            else if (firstAfter == points.Count)
            {
                firstAfter = i;
            }
        }

        string note = "calm before";
        if (calm.Count == 0)
        {
            for (int i = firstAfter; i < points.Count; i++)
            {
                calm.Add(points[i].Value);
            }

            note = "calm after (it began with the run)";
        }

        if (calm.Count > CalmIntervals)
        {
            calm.RemoveRange(0, calm.Count - CalmIntervals);
        }

        if (calm.Count == 0 || during.Count == 0)
        {
            return null;
        }

        double low = calm.Min() - metric.Floor;
        double high = calm.Max() + metric.Floor;
        double calmMedian = MannWhitney.Median(calm);
        double duringMedian = MannWhitney.Median(during);
        bool outside = duringMedian < low || duringMedian > high;
        double relative = calmMedian != 0 ? Math.Abs(duringMedian - calmMedian) / Math.Abs(calmMedian) : duringMedian != 0 ? double.PositiveInfinity : 0;
        if (!outside || relative < ComparisonRules.WarningChange)
        {
            return null;
        }

        long? recovery = null;
        if (to is { } stop)
        {
            for (int i = firstAfter; i < points.Count; i++)
            {
                if (points[i].Value >= low && points[i].Value <= high)
                {
                    recovery = Math.Max(0, points[i].EndMilliseconds - stop);
                    break;
                }
            }

            if (recovery is null)
            {
                note += firstAfter < points.Count ? "; not back in its band by the end of the run" : "; no interval after it";
            }
        }
        else
        {
            note += "; lasted to the end of the run";
        }

        return new ImpactRow(label, from, to, group, metric, calmMedian, duringMedian, recovery, note);
    }
}
