using System.Text;
using TrdpSim.Protocol;
using TrdpSim.Telemetry;

namespace TrdpSim.Reporting;

/// <summary>Writes a <see cref="RunSummary"/> as a fixed-width text table for the terminal.</summary>
public static class SummaryTable
{
    public static string Format(RunSummary summary)
    {
        var text = new StringBuilder();
        text.AppendLine($"trdpsim summary — {summary.RunName}, {summary.Elapsed.TotalSeconds:0.0} s");
        text.AppendLine();
        if (summary.Rows.Count > 0)
        {
            text.AppendLine($"{"device",-12} {"telegram",-22} {"role",-9} {"comId",7} {"inst",6} {"sent",9} {"recv",9} {"lost",7} {"dup",6} {"ooo",6} {"tmo",5} {"drop",6} {"fail",6}  {"latency p50",11} {"p99",9} {"max",9}");
            foreach (var row in summary.Rows)
            {
                var c = row.Counters;
                var latency = row.Latency.Count == 0 ? $"{"-",11} {"-",9} {"-",9}" : $"{Units.Duration(row.Latency.P50),11} {Units.Duration(row.Latency.P99),9} {Units.Duration(row.Latency.Max),9}";
                text.AppendLine($"{Clip(row.Device, 12),-12} {Clip(row.Name, 22),-22} {Role(row.Role),-9} {row.ComId,7} {row.Instances,6} {Units.Count(c.Sent),9} {Units.Count(c.Received),9} {Units.Count(c.Lost),7} {Units.Count(c.Duplicates),6} {Units.Count(c.OutOfOrder),6} {Units.Count(c.Timeouts),5} {Units.Count(c.DroppedCycles),6} {Units.Count(c.SendFailures),6}  {latency}");
            }
        }

        if (summary.MdRows.Count > 0)
        {
            AppendMessageData(text, summary.MdRows);
        }

        if (summary.TcpRows.Count > 0)
        {
            AppendTcp(text, summary.TcpRows);
        }

        if (summary.FaultRows.Count > 0)
        {
            AppendFaults(text, summary.FaultRows);
        }

        var t = summary.Totals;
        text.AppendLine();
        text.AppendLine($"totals: sent {t.Sent}, received {t.Received}, lost {t.Lost}, duplicates {t.Duplicates}, out-of-order {t.OutOfOrder}, timeouts {t.Timeouts}, dropped cycles {t.DroppedCycles}, send failures {t.SendFailures}, pulls {t.PullRequests}/{t.PullReplies}" + (t.Delayed > 0 ? $", delayed by faults {t.Delayed}" : string.Empty));
        var late = summary.SendLateness;
        if (late.Count > 0)
        {
            text.AppendLine($"send lateness: p50 {Units.Duration(late.P50)}, p90 {Units.Duration(late.P90)}, p99 {Units.Duration(late.P99)}, p99.9 {Units.Duration(late.P999)}, max {Units.Duration(late.Max)} ({late.Count} telegrams)");
        }

        var wheel = summary.WheelLateness;
        if (wheel.Count > 0)
        {
            text.AppendLine($"wheel wake-up lateness: p50 {Units.Duration(wheel.P50)}, p99 {Units.Duration(wheel.P99)}, max {Units.Duration(wheel.Max)}");
        }

        text.Append($"received datagrams {summary.DatagramsReceived}, rejected:");
        var any = false;
        for (var r = 0; r < summary.Rejects.Count; r++)
        {
            if (summary.Rejects[r] > 0)
            {
                text.Append($" {RejectReasons.Label((RejectReason)r)} {summary.Rejects[r]}");
                any = true;
            }
        }

        text.AppendLine(any ? string.Empty : " none");
        var end = summary.End;
        text.Append($"memory: RSS {end.ResidentBytes / 1048576.0:0.0} MiB (peak {end.PeakResidentBytes / 1048576.0:0.0} MiB)");
        if (summary.SteadyStart is { } steady)
        {
            var seconds = (end.Timestamp - steady.Timestamp).TotalSeconds;
            text.Append($"; steady window {seconds:0.0} s: allocated {(end.AllocatedBytes - steady.AllocatedBytes) / 1024.0:0.0} KiB, GCs gen0 {end.Gen0 - steady.Gen0} gen1 {end.Gen1 - steady.Gen1} gen2 {end.Gen2 - steady.Gen2}");
        }

        text.AppendLine();
        if (summary.EngineErrors > 0)
        {
            text.AppendLine($"engine errors caught: {summary.EngineErrors}");
        }

        if (summary.Thresholds is { } thresholds && (thresholds.Thresholds.Count > 0 || thresholds.Failures.Count > 0))
        {
            ThresholdTable.Append(text, thresholds);
        }

        return text.ToString();
    }

    private static void AppendMessageData(StringBuilder text, IReadOnlyList<MdSummaryRow> rows)
    {
        text.AppendLine();
        text.AppendLine("message data — callers (round trip from the intended send time)");
        text.AppendLine($"{"device",-12} {"caller",-22} {"comId",7} {"calls",8} {"ok",8} {"timeout",8} {"partial",7} {"Me-3",6} {"Me-4",6} {"Me",5} {"retry",6} {"skip",6}  {"rtt p50",9} {"p99",9} {"max",9}");
        foreach (var row in rows)
        {
            if (row.Group.Role != MdRole.Caller)
            {
                continue;
            }

            var c = row.Counters;
            text.AppendLine($"{Clip(row.Group.Device, 12),-12} {Clip(row.Group.Name, 22),-22} {row.Group.ComId,7} {Units.Count(c.Calls),8} {Units.Count(c.Ok),8} {Units.Count(c.Timeouts),8} {Units.Count(c.NotAllReplies),7} {Units.Count(c.ErrorNoReplier),6} {Units.Count(c.ErrorNoMemory),6} {Units.Count(c.ErrorOther),5} {Units.Count(c.Retries),6} {Units.Count(c.Skipped),6}  {Latency(row.Latency)}");
        }

        text.AppendLine();
        text.AppendLine("message data — repliers (reply delay measured vs configured)");
        text.AppendLine($"{"device",-12} {"replier",-22} {"comId",7} {"requests",8} {"notif",6} {"replies",8} {"silent",7} {"Me",6} {"late",6} {"conf",6} {"c-tmo",6} {"dup",5}  {"delay p50",9} {"p90",9} {"p99",9}  {"configured p50/p90/p99",26}");
        foreach (var row in rows)
        {
            if (row.Group.Role != MdRole.Replier || (row.Group.ComId == 0 && row.Counters.ErrorsSent == 0))
            {
                continue; // the per-device "(no listener)" row only matters once it sent an 'Me'
            }

            var c = row.Counters;
            var measured = row.Latency.Count == 0 ? $"{"-",9} {"-",9} {"-",9}" : $"{Units.Duration(row.Latency.P50),9} {Units.Duration(row.Latency.P90),9} {Units.Duration(row.Latency.P99),9}";
            var configured = row.Group.ConfiguredQuantile is null ? "-"
                : $"{Units.Duration((long)row.Configured(0.5)!.Value)}/{Units.Duration((long)row.Configured(0.9)!.Value)}/{Units.Duration((long)row.Configured(0.99)!.Value)}";
            text.AppendLine($"{Clip(row.Group.Device, 12),-12} {Clip(row.Group.Name, 22),-22} {row.Group.ComId,7} {Units.Count(c.Requests),8} {Units.Count(c.Notifications),6} {Units.Count(c.Replies),8} {Units.Count(c.NoReplies),7} {Units.Count(c.ErrorsSent),6} {Units.Count(c.LateReplies),6} {Units.Count(c.ConfirmsReceived),6} {Units.Count(c.ConfirmTimeouts),6} {Units.Count(c.Duplicates),5}  {measured}  {configured,26}");
        }
    }

    private static void AppendTcp(StringBuilder text, IReadOnlyList<TcpSummaryRow> rows)
    {
        text.AppendLine();
        text.AppendLine("message data over TCP — connections");
        text.AppendLine($"{"device",-12} {"side",-6} {"open",5} {"connects",9} {"accepted",9} {"frames in",10} {"out",9} {"framing",8} {"refused sends",13}  closed");
        foreach (var row in rows)
        {
            var connects = row.Side == "client" ? $"{row.Event("connected")}/{row.Event("connect_attempts")}" : "-";
            var refusedSends = row.Event("send_rejected_buffer_full") + row.Event("send_rejected_closed") + row.Event("send_rejected_invalid")
                + row.Event("send_rejected_reconnect_wait");
            var closed = new StringBuilder();
            for (var r = 0; r < row.Closed.Length; r++)
            {
                if (row.Closed[r] > 0)
                {
                    closed.Append(closed.Length == 0 ? string.Empty : ", ").Append(TcpEvents.CloseReasons[r].Name).Append(' ').Append(row.Closed[r]);
                }
            }

            text.AppendLine($"{Clip(row.Device, 12),-12} {row.Side,-6} {row.Open,5} {connects,9} {Units.Count(row.Event("accepted")),9} {Units.Count(row.Event("frames_in")),10} {Units.Count(row.Event("frames_out")),9} {Units.Count(row.Event("framing_errors")),8} {Units.Count(refusedSends),13}  {(closed.Length == 0 ? "none" : closed.ToString())}");
        }
    }

    private static void AppendFaults(StringBuilder text, IReadOnlyList<FaultSummaryRow> rows)
    {
        text.AppendLine();
        text.AppendLine("faults");
        text.AppendLine($"{"fault",-22} {"kind",-16} {"target",-30} {"targets",7} {"strikes",9}  state");
        foreach (var row in rows)
        {
            text.AppendLine($"{Clip(row.Name, 22),-22} {row.Kind,-16} {Clip(row.Target, 30),-30} {row.Targets,7} {Units.Count(row.Strikes),9}  {(row.Attached ? "active" : "ended")}");
        }
    }

    private static string Latency(LatencySnapshot latency) => latency.Count == 0
        ? $"{"-",9} {"-",9} {"-",9}"
        : $"{Units.Duration(latency.P50),9} {Units.Duration(latency.P99),9} {Units.Duration(latency.Max),9}";

    private static string Role(TelegramRole role) => role switch
    {
        TelegramRole.Publish => "publish",
        TelegramRole.Subscribe => "subscribe",
        _ => "pull",
    };

    private static string Clip(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "…";
}
