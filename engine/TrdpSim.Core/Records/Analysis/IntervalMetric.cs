namespace TrdpSim.Records.Analysis;

/// <summary>A figure read from one interval row of a group, compared between runs and around faults.</summary>
/// <param name="Name">Short name (<c>loss</c>, <c>lateness p99</c> …).</param>
/// <param name="Unit"><c>ratio</c>, <c>ns</c> or <c>/s</c>.</param>
/// <param name="HigherIsWorse">Whether a rise is a regression (false: any change beyond noise is only a warning, e.g. rates).</param>
/// <param name="Floor">The smallest difference that matters, in the metric's unit: differences below it are noise
/// however significant (1 µs of lateness, one loss in 100,000).</param>
/// <param name="Value">The value of a row, or null when the row has no data for it (no samples).</param>
internal sealed record IntervalMetric(string Name, string Unit, bool HigherIsWorse, double Floor, Func<IntervalRow, double, double?> Value)
{
    private const double Microsecond = 1_000;

    /// <summary>The metrics of a group kind (the second argument of <see cref="Value"/> is the interval in seconds).</summary>
    public static IReadOnlyList<IntervalMetric> For(string kind) => kind switch
    {
        "publish" => [Rate("send rate", IntervalColumns.Sent), Ratio("send failures", IntervalColumns.SendFailures, IntervalColumns.Sent), Latency("lateness p50", 1), Latency("lateness p99", 3)],
        "subscribe" => [Rate("receive rate", IntervalColumns.Received), Loss, Count("timeouts", IntervalColumns.Timeouts), Jitter("jitter p50", 1), Jitter("jitter p99", 3)],
        "pull" => [Ratio("pull timeouts", IntervalColumns.Timeouts, IntervalColumns.PullRequests), Latency("rtt p50", 1), Latency("rtt p99", 3)],
        "md-caller" => [Ratio("md timeouts", IntervalColumns.MdTimeouts, IntervalColumns.MdCalls), Ratio("md errors", IntervalColumns.MdErrors, IntervalColumns.MdCalls), Latency("rtt p50", 1), Latency("rtt p99", 3)],
        "md-replier" => [Rate("request rate", IntervalColumns.MdRequests), Latency("reply delay p50", 1), Latency("reply delay p99", 3)],
        _ => [],
    };

    /// <summary>Lost of expected (received + lost) in the interval.</summary>
    public static IntervalMetric Loss { get; } = new("loss", "ratio", true, 1e-5, static (row, _) =>
    {
        double expected = row[IntervalColumns.Received] + row[IntervalColumns.Lost];
        return expected > 0 ? row[IntervalColumns.Lost] / expected : null;
    });

    private static IntervalMetric Rate(string name, int column) =>
        new(name, "/s", false, 1, (row, seconds) => seconds > 0 ? row[column] / seconds : null);

    private static IntervalMetric Count(string name, int column) =>
        new(name, "count", true, 1, (row, _) => row[column]);

    private static IntervalMetric Ratio(string name, int column, int of) =>
        new(name, "ratio", true, 1e-4, (row, _) => row[of] > 0 ? (double)row[column] / row[of] : null);

    /// <summary>A percentile of the <c>lat_*</c> distribution (index into <see cref="IntervalColumns.PercentileNames"/>).</summary>
    private static IntervalMetric Latency(string name, int percentile) =>
        new(name, "ns", true, 10 * Microsecond, (row, _) => row.Latency[0] > 0 ? row.Latency[percentile] : null);

    private static IntervalMetric Jitter(string name, int percentile) =>
        new(name, "ns", true, 10 * Microsecond, (row, _) => row.Jitter[0] > 0 ? row.Jitter[percentile] : null);

    /// <summary>The value formatted in its unit (<c>1.2 ms</c>, <c>0.012 %</c>, <c>100.0/s</c>).</summary>
    public string Format(double value)
    {
        if (double.IsNaN(value))
        {
            return "–";
        }

        return Unit switch
        {
            "ns" => FormatNanoseconds(value),
            "ratio" => FormattableString.Invariant($"{value * 100:0.####} %"),
            "/s" => FormattableString.Invariant($"{value:0.#}/s"),
            _ => FormattableString.Invariant($"{value:0.##}"),
        };
    }

    public static string FormatNanoseconds(double ns) => ns switch
    {
        >= 1e9 => FormattableString.Invariant($"{ns / 1e9:0.###} s"),
        >= 1e6 => FormattableString.Invariant($"{ns / 1e6:0.###} ms"),
        >= 1e3 => FormattableString.Invariant($"{ns / 1e3:0.#} µs"),
        _ => FormattableString.Invariant($"{ns:0} ns"),
    };
}
