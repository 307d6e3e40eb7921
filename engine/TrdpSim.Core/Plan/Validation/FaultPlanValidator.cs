using TrdpSim.Plan.Faults;

namespace TrdpSim.Plan.Validation;

/// <summary>Checks a plan's faults before anything runs, so a bad parameter or a target that matches
/// nothing is a plan error at the fault's <c>file:line:col</c>, like every other plan error.</summary>
public static class FaultPlanValidator
{
    /// <summary>Adds one error per problem of <see cref="RunPlan.Faults"/> to <paramref name="errors"/>.</summary>
    public static void Validate(RunPlan plan, List<PlanError> errors)
    {
        var names = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        foreach (var fault in plan.Faults)
        {
            var label = fault.Name.Length > 0 ? fault.Name : FaultKinds.Name(fault.Kind);
            foreach (var problem in FaultRules.Check(fault))
            {
                errors.Add(new PlanError(fault.Origin, $"fault '{label}': {problem}"));
            }

            if (fault.Name.Length > 0 && !names.TryAdd(fault.Name, fault.Origin))
            {
                errors.Add(new PlanError(fault.Origin, $"fault '{label}': the name is already used (at {names[fault.Name]})"));
            }

            if (Enum.IsDefined(fault.Kind) && FaultTargets.Problem(plan, fault) is { } target)
            {
                errors.Add(new PlanError(fault.Origin, $"fault '{label}': {target}"));
            }
        }
    }
}
