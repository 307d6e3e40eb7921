namespace TrdpSim.Thresholds;

/// <summary>Every threshold's outcome plus the scenario's own failures: the run's verdict.</summary>
/// <param name="Thresholds">One result per threshold, in plan order.</param>
/// <param name="Failures">Failures declared by the scenario (<see cref="ThresholdMonitor.Fail"/>).</param>
/// <param name="AbortReason">The message of the abort that ended the run early, or <c>null</c>.</param>
internal sealed record ThresholdReport(IReadOnlyList<ThresholdResult> Thresholds, IReadOnlyList<RunFailure> Failures, string? AbortReason)
{
    /// <summary>No thresholds and no failures.</summary>
    public static ThresholdReport Empty { get; } = new([], [], null);

    /// <summary>True when every threshold passed and the scenario declared no failure.</summary>
    public bool Passed
    {
        get
        {
            foreach (ThresholdResult result in Thresholds)
            {
                if (!result.Passed)
                {
                    return false;
                }
            }

            return Failures.Count == 0;
        }
    }

    /// <summary>Run time as <c>mm:ss</c> (or <c>h:mm:ss</c> from one hour).</summary>
    public static string Clock(TimeSpan at) => at >= TimeSpan.FromHours(1)
        ? FormattableString.Invariant($"{(int)at.TotalHours}:{at.Minutes:00}:{at.Seconds:00}")
        : FormattableString.Invariant($"{(int)at.TotalMinutes:00}:{at.Seconds:00}");
}
