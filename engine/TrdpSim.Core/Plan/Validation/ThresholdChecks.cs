using TrdpSim.Plan.Thresholds;

namespace TrdpSim.Plan.Validation;

/// <summary>Thresholds: the mode options fit the metric (windows of whole seconds, no windows on a gauge).</summary>
/// <remarks>The selector and rule texts are a grammar the front ends parse (<see cref="ThresholdSyntax"/>),
/// reporting at the offending character; what is left to judge is how the options meet the metric.</remarks>
internal static class ThresholdChecks
{
    public static void Check(RunPlan plan, PlanReport report)
    {
        foreach (ThresholdPlan threshold in plan.Thresholds)
        {
            if (ThresholdSyntax.CheckMode(threshold) is { } problem)
            {
                report.Value(threshold, problem.Option, $"'{problem.Option}': {problem.Problem}");
            }

            if (threshold.Grace < TimeSpan.Zero)
            {
                report.Value(threshold, "grace", "'grace' must not be negative");
            }
        }
    }
}
