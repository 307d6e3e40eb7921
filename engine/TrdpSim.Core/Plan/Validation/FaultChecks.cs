using TrdpSim.Plan.Faults;

namespace TrdpSim.Plan.Validation;

/// <summary>The plan's faults: their parameters (the limits of <see cref="FaultRules"/>, reported at the key
/// they concern), unique names, and a target that matches some telegram.</summary>
internal static class FaultChecks
{
    public static void Check(RunPlan plan, PlanReport report)
    {
        var names = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        foreach (FaultPlan fault in plan.Faults)
        {
            string label = fault.Name.Length > 0 ? fault.Name : Enum.IsDefined(fault.Kind) ? FaultKinds.Name(fault.Kind) : "?";
            foreach (string problem in FaultRules.Check(fault))
            {
                if (KeyOf(problem) is { } key)
                {
                    report.Value(fault, key, $"fault '{label}': {problem}");
                }
                else
                {
                    report.Entry(fault, $"fault '{label}': {problem}");
                }
            }

            if (fault.Name.Length > 0 && !names.TryAdd(fault.Name, fault.Origin))
            {
                report.Value(fault, "name", $"fault '{label}': the name is already used (at {names[fault.Name]})");
            }

            bool targetRead = PlanReport.Judged(fault, "device", "telegram") && PlanReport.Judged(fault, "com-id");
            if (Enum.IsDefined(fault.Kind) && targetRead && FaultTargets.Problem(plan, fault) is { } target)
            {
                report.Entry(fault, $"fault '{label}': {target}");
            }
        }
    }

    /// <summary>The key a <see cref="FaultRules"/> problem starts with (<c>'stop' (1s) must be …</c> → stop).</summary>
    private static string? KeyOf(string problem)
    {
        if (problem.Length < 2 || problem[0] != '\'')
        {
            return null;
        }

        int end = problem.IndexOf('\'', 1);
        return end > 1 ? problem[1..end] : null;
    }
}
