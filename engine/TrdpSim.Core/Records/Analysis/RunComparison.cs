namespace TrdpSim.Records.Analysis;

/// <summary>One figure of one group in two runs.</summary>
/// <param name="Group">The group's label (<c>device/name (kind)</c>), or <c>rejects</c>.</param>
/// <param name="Metric">The metric.</param>
/// <param name="A">Median over run A's steady intervals (NaN: no data).</param>
/// <param name="B">Median over run B's.</param>
/// <param name="RelativeChange">(B − A) / A; infinite when A is 0 and B is not.</param>
/// <param name="P">Mann-Whitney two-sided p-value (1 with too few intervals).</param>
/// <param name="BeyondNoise">Significant and larger than the minimum effect.</param>
/// <param name="Flag">The verdict on B.</param>
/// <param name="Note">Why, in words (<c>few intervals</c>, <c>only in A</c> …), or empty.</param>
internal sealed record ComparisonRow(string Group, IntervalMetric Metric, double A, double B, double RelativeChange, double P, bool BeyondNoise, ChangeFlag Flag, string Note);

/// <summary>What changed from run A to run B, per group and metric, with the differences beyond noise flagged.</summary>
/// <remarks>Per group (matched by device, name and kind) and metric, each run gives one value per steady interval
/// (<see cref="MetricSeries.Steady"/>); the two samples are compared with <see cref="MannWhitney"/>. A difference
/// is beyond noise when p &lt; <see cref="ComparisonRules.Significance"/>, the medians differ by at least
/// <see cref="ComparisonRules.WarningChange"/> and by the metric's floor. Worse beyond noise is a warning, and
/// critical from <see cref="ComparisonRules.CriticalChange"/>; better is normal. Made by <see cref="Compare"/>.</remarks>
/// <param name="A">The run compared against.</param>
/// <param name="B">The run judged.</param>
/// <param name="Rows">One row per group and metric, then the rejects.</param>
internal sealed record RunComparison(RunRecord A, RunRecord B, IReadOnlyList<ComparisonRow> Rows)
{
    /// <summary>The worst flag of any row.</summary>
    public ChangeFlag Worst
    {
        get
        {
            var worst = ChangeFlag.Normal;
            foreach (ComparisonRow row in Rows)
            {
                if (row.Flag > worst)
                {
                    worst = row.Flag;
                }
            }

            return worst;
        }
    }

    public static RunComparison Compare(RunRecord a, RunRecord b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var rows = new List<ComparisonRow>();
        var inB = new Dictionary<string, StoredGroup>(StringComparer.Ordinal);
        foreach (StoredGroup group in b.Groups)
        {
            inB.TryAdd(group.Label, group);
        }

        var matched = new HashSet<string>(StringComparer.Ordinal);
        foreach (StoredGroup groupA in a.Groups)
        {
            if (!inB.TryGetValue(groupA.Label, out StoredGroup? groupB))
            {
                rows.Add(Missing(groupA.Label, "only in A"));
                continue;
            }

            matched.Add(groupA.Label);
            foreach (IntervalMetric metric in IntervalMetric.For(groupA.Kind))
            {
                rows.Add(Row(groupA.Label, metric,
                    MetricSeries.Steady(MetricSeries.Of(a.Series[groupA.Index], metric), a.Run.IntervalMilliseconds),
                    MetricSeries.Steady(MetricSeries.Of(b.Series[groupB.Index], metric), b.Run.IntervalMilliseconds)));
            }
        }

        foreach (StoredGroup groupB in b.Groups)
        {
            if (!matched.Contains(groupB.Label))
            {
                rows.Add(Missing(groupB.Label, "only in B"));
            }
        }

        rows.Add(Row("rejects", RejectRate, RejectSeries(a), RejectSeries(b)));
        return new RunComparison(a, b, rows);
    }

    /// <summary>Received frames dropped by the frame checks, per second (all reasons).</summary>
    public static IntervalMetric RejectRate { get; } = new("rejected frames", "/s", true, 1, static (_, _) => null);

    /// <summary>The run's rejected frames per second, per steady interval.</summary>
    private static List<double> RejectSeries(RunRecord record)
    {
        var perInterval = new Dictionary<long, long>();
        foreach ((long sequence, _, long count) in record.Rejects)
        {
            perInterval[sequence] = perInterval.GetValueOrDefault(sequence) + count;
        }

        var points = new List<MetricPoint>(record.Process.Count);
        long start = 0;
        foreach (ProcessRow row in record.Process)
        {
            double seconds = (row.EndMilliseconds - start) / 1000.0;
            points.Add(new MetricPoint(start, row.EndMilliseconds, seconds > 0 ? perInterval.GetValueOrDefault(row.Sequence) / seconds : 0));
            start = row.EndMilliseconds;
        }

        return MetricSeries.Steady(points, record.Run.IntervalMilliseconds);
    }

    private static ComparisonRow Missing(string group, string note) =>
        new(group, new IntervalMetric("present", "count", false, 0, static (_, _) => null), double.NaN, double.NaN, double.NaN, 1, true, ChangeFlag.Warning, note);

    /// <summary>Judges one metric's two samples.</summary>
    public static ComparisonRow Row(string group, IntervalMetric metric, List<double> a, List<double> b)
    {
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        double medianA = MannWhitney.Median(a);
        double medianB = MannWhitney.Median(b);
        if (a.Count == 0 || b.Count == 0)
        {
            return new ComparisonRow(group, metric, medianA, medianB, double.NaN, 1, false, ChangeFlag.Normal, a.Count == 0 && b.Count == 0 ? "no data" : "no data in one run");
        }

        double p = MannWhitney.TwoSidedP(a, b);
        double difference = medianB - medianA;
        double relative = medianA != 0 ? difference / Math.Abs(medianA) : difference == 0 ? 0 : double.PositiveInfinity * Math.Sign(difference);
        bool beyond = p < ComparisonRules.Significance && Math.Abs(difference) >= metric.Floor && Math.Abs(relative) >= ComparisonRules.WarningChange;
        string note = a.Count < MannWhitney.MinimumSample || b.Count < MannWhitney.MinimumSample ? $"few intervals ({a.Count}/{b.Count}): no test" : string.Empty;
        ChangeFlag flag = ChangeFlag.Normal;
        if (beyond)
        {
            if (!metric.HigherIsWorse)
            {
                flag = ChangeFlag.Warning;
            }
            else if (difference > 0)
            {
                // Against a zero baseline a rise beyond the floor is as bad as it gets (loss where there was none).
                flag = relative >= ComparisonRules.CriticalChange ? ChangeFlag.Critical : ChangeFlag.Warning;
            }
        }

        return new ComparisonRow(group, metric, medianA, medianB, relative, p, beyond, flag, note);
    }
}
