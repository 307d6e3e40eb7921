using System.Text;
using TrdpSim.Plan;

namespace TrdpSim.DeviceXml;

/// <summary>The outcome of reading TCNopen device configurations: the plan, or every error found; and the
/// warnings (what was read but is not played, what was not recognised) either way.</summary>
/// <remarks>When <see cref="Errors"/> is non-empty <see cref="Plan"/> is <c>null</c>: a half-read plan is
/// never handed on. Errors are sorted by file, line and column.</remarks>
public sealed class XmlPlanResult
{
    public XmlPlanResult(RunPlan? plan, IReadOnlyList<PlanError> errors, IReadOnlyList<PlanWarning> warnings)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(warnings);
        Plan = errors.Count == 0 ? plan : null;
        Errors = errors;
        Warnings = warnings;
    }

    /// <summary>The plan read (addresses as written, <see cref="RunPlan.AddressMap"/> not applied), or
    /// <c>null</c> when there were errors.</summary>
    public RunPlan? Plan { get; }

    public IReadOnlyList<PlanError> Errors { get; }

    /// <summary>One warning per kind of item that is ignored or not played yet, listing where it occurs.</summary>
    public IReadOnlyList<PlanWarning> Warnings { get; }

    public bool Success => Errors.Count == 0 && Plan is not null;

    /// <summary>All errors, one per line, compiler style.</summary>
    public string FormatErrors()
    {
        var text = new StringBuilder();
        foreach (PlanError error in Errors)
        {
            text.AppendLine(error.ToString());
        }

        return text.ToString();
    }
}
