using System.Text;
using TrdpSim.Thresholds;

namespace TrdpSim.Reporting;

/// <summary>The threshold section of the terminal summary: one line per threshold, k6-like marks.</summary>
internal static class ThresholdTable
{
    /// <summary>Continuation lines start under the threshold text.</summary>
    private const string Indent = "        ";

    /// <summary>Appends the section to <paramref name="text"/>, lines wrapped at <paramref name="width"/> columns.</summary>
    public static void Append(StringBuilder text, ThresholdReport report, int width = TerminalWidth.Default)
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
        var line = new StringBuilder();
        foreach (ThresholdResult result in report.Thresholds)
        {
            line.Clear().Append(result.Passed ? "  ok    " : "  FAIL  ").Append(result.Text).Append("  — ").Append(result.Detail);
            if (result.AbortedRun)
            {
                line.Append(" (aborted the run)");
            }

            if (!result.Passed && result.Origin.File.Length > 0)
            {
                line.Append("  [").Append(result.Origin.ToString()).Append(']');
            }

            TextWrap.AppendLine(text, line.ToString(), width, Indent);
        }

        foreach (RunFailure failure in report.Failures)
        {
            line.Clear().Append("  FAIL  scenario: ").Append(failure.Reason).Append(" at ").Append(ThresholdReport.Clock(failure.At));
            if (failure.Origin.File.Length > 0)
            {
                line.Append("  [").Append(failure.Origin.ToString()).Append(']');
            }

            TextWrap.AppendLine(text, line.ToString(), width, Indent);
        }

        if (report.AbortReason is { } reason)
        {
            TextWrap.AppendLine(text, $"run aborted: {reason}", width);
        }
    }
}
