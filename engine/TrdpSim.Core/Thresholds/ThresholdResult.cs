using TrdpSim.Plan;

namespace TrdpSim.Thresholds;

/// <summary>The outcome of one threshold at the end of a run.</summary>
/// <param name="Text">The threshold as one line (<see cref="ThresholdPlan.Text"/>).</param>
/// <param name="Passed">False when the threshold failed.</param>
/// <param name="Observed">The deciding value: at the failure, or for a pass the final value (whole run)
/// or the worst window; nanoseconds for latency aggregations; NaN when there was no data.</param>
/// <param name="ObservedText"><paramref name="Observed"/> formatted in the rule's unit.</param>
/// <param name="FailedAt">Run time of the first failure (for a whole-run rule failed at the end: when it
/// was first seen violated live), or <c>null</c>.</param>
/// <param name="Detail">A sentence for people: what failed when, or why it passed.</param>
/// <param name="AbortedRun">This threshold stopped the run (abort-on-fail).</param>
/// <param name="Series">How many telemetry series the selector matched.</param>
/// <param name="Origin">Where the threshold was declared.</param>
internal sealed record ThresholdResult(string Text, bool Passed, double Observed, string ObservedText, TimeSpan? FailedAt,
    string Detail, bool AbortedRun, int Series, SourceLocation Origin)
{
    /// <summary>Ratios: the counts behind <see cref="Observed"/> (e.g. 208 lost of 450,000,000 expected);
    /// null for other metrics and when there was no data.</summary>
    public CountSample? Counts { get; init; }
}
