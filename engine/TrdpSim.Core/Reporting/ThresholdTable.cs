using System.Text;
using TrdpSim.Thresholds;

namespace TrdpSim.Reporting;

/// <summary>The threshold section of the terminal summary: one line per threshold, k6-like marks.</summary>
public static class ThresholdTable
{
    /// <summary>Appends the section to <paramref name="text"/>.</summary>
    public static void Append(StringBuilder text, ThresholdReport report)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(report);
        text.AppendLine();
        int failed = 0;
        foreach (ThresholdResult result in report.Thresholds)
        {
            failed += result.Passed ? 0 : 1;
        }

        text.AppendLine($"thresholds: {report.Thresholds.Count - failed} passed, {failed} failed" +
            (report.Failures.Count > 0 ? $", {report.Failures.Count} scenario failure(s)" : string.Empty));
        foreach (ThresholdResult result in report.Thresholds)
        {
            text.Append(result.Passed ? "  ok    " : "  FAIL  ").Append(result.Text).Append("  — ").Append(result.Detail);
            if (result.AbortedRun)
            {
                text.Append(" (aborted the run)");
            }

            if (!result.Passed && result.Origin.File.Length > 0)
            {
                text.Append("  [").Append(result.Origin.ToString()).Append(']');
            }

            text.AppendLine();
        }

        foreach (RunFailure failure in report.Failures)
        {
            text.Append("  FAIL  scenario: ").Append(failure.Reason).Append(" at ").Append(ThresholdReport.Clock(failure.At));
            if (failure.Origin.File.Length > 0)
            {
                text.Append("  [").Append(failure.Origin.ToString()).Append(']');
            }

            text.AppendLine();
        }

        if (report.AbortReason is { } reason)
        {
            text.AppendLine($"run aborted: {reason}");
        }
    }
}
