namespace TrdpSim.Plan;

/// <summary>A plan that cannot run, with every problem found.</summary>
public sealed class PlanException(IReadOnlyList<PlanError> errors)
    : Exception(errors.Count == 0 ? "invalid plan" : errors[0].ToString())
{
    public IReadOnlyList<PlanError> Errors { get; } = errors;
}
