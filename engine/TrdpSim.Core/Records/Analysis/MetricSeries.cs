namespace TrdpSim.Records.Analysis;

/// <summary>One metric's values over a group's intervals, with each interval's span.</summary>
/// <param name="StartMilliseconds">Run time at the interval's start.</param>
/// <param name="EndMilliseconds">Run time at its end.</param>
/// <param name="Value">The metric's value in that interval.</param>
internal readonly record struct MetricPoint(long StartMilliseconds, long EndMilliseconds, double Value);

/// <summary>Reads a metric out of a group's interval rows.</summary>
internal static class MetricSeries
{
    /// <summary>Every interval that has a value for <paramref name="metric"/>, in time order.</summary>
    public static List<MetricPoint> Of(IReadOnlyList<IntervalRow> rows, IntervalMetric metric)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(metric);
        var points = new List<MetricPoint>(rows.Count);
        long start = 0;
        foreach (IntervalRow row in rows)
        {
            double seconds = (row.EndMilliseconds - start) / 1000.0;
            if (metric.Value(row, seconds) is { } value)
            {
                points.Add(new MetricPoint(start, row.EndMilliseconds, value));
            }

            start = row.EndMilliseconds;
        }

        return points;
    }

    /// <summary>The intervals a comparison trusts: without the first (warm-up: sockets opening, first cycles
    /// spread out) and without a last one shorter than half an interval (the run stopped inside it), as long as
    /// that leaves any.</summary>
    public static List<double> Steady(List<MetricPoint> points, long intervalMilliseconds)
    {
        ArgumentNullException.ThrowIfNull(points);
        int from = points.Count > 2 ? 1 : 0;
        int to = points.Count;
        if (to - from > 1 && points[^1].EndMilliseconds - points[^1].StartMilliseconds < intervalMilliseconds / 2)
        {
            to--;
        }

        var values = new List<double>(Math.Max(0, to - from));
        for (int i = from; i < to; i++)
        {
            values.Add(points[i].Value);
        }

        return values;
    }
}
