using System.Text;
using TrdpSim.Protocol;
using TrdpSim.Telemetry;

namespace TrdpSim.Reporting;

/// <summary>Writes a <see cref="RunSummary"/> as text for the terminal: one table per role (publish,
/// subscribe, pull, MD callers and repliers, TCP, faults), each with the columns its role has, headers
/// that name what they measure and a legend, then the totals; laid out for the terminal's width.</summary>
public static partial class SummaryTable
{
    /// <summary>The summary for the width of the terminal on standard output (<see cref="TerminalWidth.Current"/>).</summary>
    public static string Format(RunSummary summary) => Format(summary, TerminalWidth.Current());

    /// <summary>The summary laid out for <paramref name="width"/> columns (at least <see cref="TerminalWidth.Minimum"/>).</summary>
    public static string Format(RunSummary summary, int width)
    {
        ArgumentNullException.ThrowIfNull(summary);
        width = Math.Max(width, TerminalWidth.Minimum);
        var text = new StringBuilder();
        text.AppendLine($"trdpsim summary — {summary.RunName}, {summary.Elapsed.TotalSeconds:0.0} s");
        AppendProcessData(text, summary.Rows, width);
        AppendMessageData(text, summary.MdRows, width);
        if (summary.TcpRows.Count > 0)
        {
            Tcp(summary.TcpRows).AppendTo(text, width);
        }

        if (summary.FaultRows.Count > 0)
        {
            Faults(summary.FaultRows).AppendTo(text, width);
        }

        AppendDutStatistics(text, summary.DutStatistics, width);
        AppendRedundancy(text, summary.Redundancy, width);

        text.AppendLine();
        AppendTotals(text, summary.Rows, width);
        if (summary.MdRows.Count > 0 || summary.MdUnmatchedReplies > 0)
        {
            // Replies to an ended session are their caller's 'late' (table above); these name no caller at all.
            TextWrap.AppendItems(text, "message data: ", [$"unmatched replies {summary.MdUnmatchedReplies} (session id issued by no caller, dropped)"], ", ", width);
        }
        var late = summary.SendLateness;
        if (late.Count > 0)
        {
            TextWrap.AppendItems(text, "send lateness (all publications): ", [$"p50 {Units.Duration(late.P50)}", $"p90 {Units.Duration(late.P90)}",
                $"p99 {Units.Duration(late.P99)}", $"p99.9 {Units.Duration(late.P999)}", $"max {Units.Duration(late.Max)} ({late.Count} telegrams)"], ", ", width);
        }

        var wheel = summary.WheelLateness;
        if (wheel.Count > 0)
        {
            TextWrap.AppendItems(text, "wheel wake-up lateness: ", [$"p50 {Units.Duration(wheel.P50)}", $"p99 {Units.Duration(wheel.P99)}",
                $"max {Units.Duration(wheel.Max)}"], ", ", width);
        }

        var rejects = new List<string>();
        for (var r = 0; r < summary.Rejects.Count; r++)
        {
            if (summary.Rejects[r] > 0)
            {
                rejects.Add($"{RejectReasons.Label((RejectReason)r)} {summary.Rejects[r]}");
            }
        }

        TextWrap.AppendItems(text, $"received datagrams {summary.DatagramsReceived}, rejected: ", rejects.Count > 0 ? rejects : ["none"], " ", width);
        var end = summary.End;
        List<string> memory = [$"RSS {end.ResidentBytes / 1048576.0:0.0} MiB (peak {end.PeakResidentBytes / 1048576.0:0.0} MiB)"];
        if (summary.SteadyStart is { } steady)
        {
            var seconds = (end.Timestamp - steady.Timestamp).TotalSeconds;
            memory.Add($"steady window {seconds:0.0} s: allocated {(end.AllocatedBytes - steady.AllocatedBytes) / 1024.0:0.0} KiB, GCs gen0 {end.Gen0 - steady.Gen0} gen1 {end.Gen1 - steady.Gen1} gen2 {end.Gen2 - steady.Gen2}");
        }

        TextWrap.AppendItems(text, "memory: ", memory, "; ", width);
        AppendEngine(text, summary, width);
        if (summary.Recording is { } recording)
        {
            RecordingLine.Append(text, recording, width);
        }

        if (summary.EngineErrors > 0)
        {
            text.AppendLine($"engine errors caught: {summary.EngineErrors}");
        }

        if (summary.Thresholds is { } thresholds && (thresholds.Thresholds.Count > 0 || thresholds.Failures.Count > 0))
        {
            ThresholdTable.Append(text, thresholds, width);
        }

        return text.ToString();
    }

    /// <summary>A count as in the tables: exact below 10,000, then 12.3k, 1.23M.</summary>
    private static string Count(long value) => Units.Count(value);

    /// <summary>A latency cell: "-" when there were no samples.</summary>
    private static string Duration(LatencySnapshot latency, long value) => latency.Count == 0 ? "-" : Units.Duration(value);
}
