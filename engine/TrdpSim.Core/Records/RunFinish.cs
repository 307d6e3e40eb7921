using TrdpSim.Thresholds;

namespace TrdpSim.Records;

/// <summary>How a run ended, as the store closes its record.</summary>
/// <param name="State">The final state (completed, stopped, failed, aborted).</param>
/// <param name="StoppedUtc">When it ended.</param>
/// <param name="StopReason">Why, in the summary's words.</param>
/// <param name="Thresholds">The verdict (null when none was made).</param>
/// <param name="SummaryJson">The final summary as the summary JSON writes it (null when there is none).</param>
internal sealed record RunFinish(RunState State, DateTime StoppedUtc, string StopReason, ThresholdReport? Thresholds, string? SummaryJson);
