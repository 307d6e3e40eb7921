using TrdpSim.Plan;
using TrdpSim.Plan.Validation;

namespace TrdpSim.Configuration;

/// <summary>The outcome of reading a run plan from a source file: the plan, or every error found.</summary>
/// <remarks>When <see cref="Errors"/> is non-empty <see cref="Plan"/> is <c>null</c>: a half-read plan is
/// never handed on. Errors are sorted by position (line, then column). A front end only reads; the plan's
/// rules are judged by <see cref="Validated"/>.</remarks>
public sealed class PlanLoadResult
{
    /// <param name="plan">The plan as read: kept as <see cref="Draft"/> even with errors, so the validator can
    /// report the rest of its problems in the same pass; <c>null</c> when it is too unsure to judge.</param>
    /// <param name="errors">What the front end could not read.</param>
    /// <param name="warnings">What the front end read but will not play (one per kind, with every place).</param>
    public PlanLoadResult(RunPlan? plan, IReadOnlyList<PlanError> errors, IReadOnlyList<PlanWarning>? warnings = null)
    {
        ArgumentNullException.ThrowIfNull(errors);
        Plan = errors.Count == 0 ? plan : null;
        Draft = plan;
        Errors = errors;
        Warnings = warnings ?? [];
    }

    /// <summary>The plan read, or <c>null</c> when there were errors.</summary>
    public RunPlan? Plan { get; }

    /// <summary>The plan as far as it was read, also when the source had errors (a value the front end
    /// could not read holds its default and is marked as reported); <c>null</c> when there is none to judge.</summary>
    public RunPlan? Draft { get; }

    /// <summary>All problems found, sorted by source position.</summary>
    public IReadOnlyList<PlanError> Errors { get; }

    /// <summary>What the source holds and the run will not play (TCNopen XML), sorted by position; given
    /// with or without errors.</summary>
    public IReadOnlyList<PlanWarning> Warnings { get; }

    /// <summary><c>true</c> when there are no errors and <see cref="Plan"/> is set.</summary>
    public bool Success => Errors.Count == 0 && Plan is not null;

    /// <summary>This result judged by <see cref="PlanValidator"/>: the front end's errors and every rule the
    /// plan as read breaks, in position order, so one pass names every problem; the plan only when there
    /// are none.</summary>
    public PlanLoadResult Validated() =>
        Draft is null ? this : new PlanLoadResult(Draft, PlanErrorOrder.Sort([.. Errors, .. PlanValidator.Validate(Draft)]), Warnings);

    /// <summary>All errors, one per line, compiler style (<c>file:line:col: error: message</c>).</summary>
    public string FormatErrors()
    {
        var text = new System.Text.StringBuilder();
        foreach (PlanError error in Errors)
        {
            text.AppendLine(error.ToString());
        }

        return text.ToString();
    }
}
