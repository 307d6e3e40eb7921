using TrdpSim.Plan;

namespace TrdpSim.Configuration;

/// <summary>The outcome of reading a run plan from a source file: the plan, or every error found.</summary>
/// <remarks>When <see cref="Errors"/> is non-empty <see cref="Plan"/> is <c>null</c>: a half-read plan is
/// never handed on. Errors are sorted by position (line, then column).</remarks>
public sealed class PlanLoadResult
{
    public PlanLoadResult(RunPlan? plan, IReadOnlyList<PlanError> errors, IReadOnlyList<PlanWarning>? warnings = null)
    {
        ArgumentNullException.ThrowIfNull(errors);
        Plan = errors.Count == 0 ? plan : null;
        Errors = errors;
        Warnings = warnings ?? [];
    }

    /// <summary>The plan read, or <c>null</c> when there were errors.</summary>
    public RunPlan? Plan { get; }

    /// <summary>All problems found, sorted by source position.</summary>
    public IReadOnlyList<PlanError> Errors { get; }

    /// <summary>What the source holds and the run will not play (TCNopen XML), sorted by position; given
    /// with or without errors.</summary>
    public IReadOnlyList<PlanWarning> Warnings { get; }

    /// <summary><c>true</c> when there are no errors and <see cref="Plan"/> is set.</summary>
    public bool Success => Errors.Count == 0 && Plan is not null;

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
