using TrdpSim.Plan;

namespace TrdpSim.Thresholds;

/// <summary>A failure declared by the scenario itself (<c>run.fail("…")</c>), reported beside thresholds.</summary>
/// <param name="Reason">The script's reason.</param>
/// <param name="At">Run time when it was declared.</param>
/// <param name="Origin">The script position of the call.</param>
internal sealed record RunFailure(string Reason, TimeSpan At, SourceLocation Origin);
