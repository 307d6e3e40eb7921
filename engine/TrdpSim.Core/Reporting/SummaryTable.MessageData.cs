using System.Globalization;
using System.Text;
using TrdpSim.Telemetry;

namespace TrdpSim.Reporting;

/// <summary>The message-data part of the summary (callers, repliers, reply delays, TCP) and the faults.</summary>
public static partial class SummaryTable
{
    private static void AppendMessageData(StringBuilder text, IReadOnlyList<MdSummaryRow> rows, int width)
    {
        var callers = new TextTable("message data — callers",
            Device(), Name("caller"), new("comId"),
            new("calls", "started"),
            new("ok", "all replies came"),
            new("timeout", "no reply in time"),
            new("partial", "some replies", DropOrder: 4),
            new("Me-3", "'Me' no replier"),
            new("Me-4", "'Me' replier out of sessions", DropOrder: 5),
            new("Me", "other 'Me'", DropOrder: 3),
            new("retry", "retransmissions", DropOrder: 2),
            new("late", "replies after the call ended (dropped, no round trip)", DropOrder: 1),
            new("skip", "skipped at max-outstanding", DropOrder: 6),
            new("fail", "sends refused (never left: not a timeout)"),
            new("p50", Group: "round trip"), new("p99", Group: "round trip"), new("max", Group: "round trip", DropOrder: 7));
        callers.Note("round trip", "intended send time to reply");
        var repliers = new TextTable("message data — repliers",
            Device(), Name("replier"), new("comId"),
            new("requests", "accepted"),
            new("notif", "notifications", DropOrder: 4),
            new("replies", "'Mp'/'Mq' sent"),
            new("silent", "unanswered on purpose", DropOrder: 3),
            new("Me", "'Me' sent"),
            new("limit", "group requests dropped at md-max-sessions (no 'Me' for multicast)", DropOrder: 7),
            new("late", "answered after the caller's timeout", DropOrder: 2),
            new("conf", "'Mc' received", DropOrder: 5),
            new("c-tmo", "'Mc' never came", DropOrder: 6),
            new("dup", "repeats discarded", DropOrder: 1));
        var delays = new TextTable("message data — replier delay, measured vs configured",
            Device(), Name("replier"), new("comId"),
            new("p50", Group: "measured"), new("p90", Group: "measured", DropOrder: 2), new("p99", Group: "measured"), new("max", Group: "measured", DropOrder: 3),
            new("p50", Group: "configured"), new("p90", Group: "configured", DropOrder: 1), new("p99", Group: "configured"));
        delays.Note("delay", "request received to reply sent");

        foreach (var row in rows)
        {
            var c = row.Counters;
            var l = row.Latency;
            var group = row.Group;
            string comId = group.ComId.ToString(CultureInfo.InvariantCulture);
            if (group.Role == MdRole.Caller)
            {
                callers.Row(group.Device, group.Name, comId, Count(c.Calls), Count(c.Ok), Count(c.Timeouts), Count(c.NotAllReplies),
                    Count(c.ErrorNoReplier), Count(c.ErrorNoMemory), Count(c.ErrorOther), Count(c.Retries), Count(c.LateRepliesReceived), Count(c.Skipped), Count(c.SendFailures),
                    Duration(l, l.P50), Duration(l, l.P99), Duration(l, l.Max));
                continue;
            }

            if (group.ComId == 0)
            {
                if (c.ErrorsSent > 0)
                {
                    // The per-device "(no listener)" row only matters once it sent an 'Me'.
                    repliers.Row(group.Device, group.Name, comId, "0", "0", "0", "0", Count(c.ErrorsSent), "0", "0", "0", "0", "0");
                }

                continue;
            }

            repliers.Row(group.Device, group.Name, comId, Count(c.Requests), Count(c.Notifications), Count(c.Replies), Count(c.NoReplies),
                Count(c.ErrorsSent), Count(c.SessionLimitDrops), Count(c.LateReplies), Count(c.ConfirmsReceived), Count(c.ConfirmTimeouts), Count(c.Duplicates));
            delays.Row(group.Device, group.Name, comId, Duration(l, l.P50), Duration(l, l.P90), Duration(l, l.P99), Duration(l, l.Max),
                Configured(row, 0.5), Configured(row, 0.9), Configured(row, 0.99));
        }

        foreach (var table in (ReadOnlySpan<TextTable>)[callers, repliers, delays])
        {
            if (table.RowCount > 0)
            {
                table.AppendTo(text, width);
            }
        }
    }

    private static string Configured(MdSummaryRow row, double p) => row.Configured(p) is { } ns ? Units.Duration((long)ns) : "-";

    private static TextTable Tcp(IReadOnlyList<TcpSummaryRow> rows)
    {
        var table = new TextTable("message data over TCP — connections",
            Device(), new("side", LeftAligned: true), new("open", "connections now"),
            new("connects", "succeeded/attempted"),
            new("accepted", "by the server"),
            new("in", Group: "frames"), new("out", Group: "frames"),
            new("framing", "framing errors", DropOrder: 1),
            new("refused", "sends refused"),
            new("closed", "by reason", LeftAligned: true, MinWidth: 8));
        foreach (var row in rows)
        {
            var client = row.Side == "client";
            var closed = new StringBuilder();
            for (var r = 0; r < row.Closed.Length; r++)
            {
                if (row.Closed[r] > 0)
                {
                    closed.Append(closed.Length == 0 ? string.Empty : ", ").Append(TcpEvents.CloseReasons[r].Name).Append(' ').Append(row.Closed[r]);
                }
            }

            table.Row(row.Device, row.Side, row.Open.ToString(CultureInfo.InvariantCulture),
                client ? $"{Count(row.Event("connected"))}/{Count(row.Event("connect_attempts"))}" : "-",
                client ? "-" : Count(row.Event("accepted")),
                Count(row.Event("frames_in")), Count(row.Event("frames_out")), Count(row.Event("framing_errors")), Count(row.RefusedSends),
                closed.Length == 0 ? "none" : closed.ToString());
        }

        return table;
    }

    private static TextTable Faults(IReadOnlyList<FaultSummaryRow> rows)
    {
        var table = new TextTable("faults",
            new("fault", LeftAligned: true, MinWidth: 8, MaxWidth: 22), new("kind", LeftAligned: true),
            new("target", LeftAligned: true, MinWidth: 8, MaxWidth: 30),
            new("targets", "telegrams, callers or repliers it applies to"),
            new("strikes", "frames, sessions or cycles it changed"), new("state", LeftAligned: true));
        foreach (var row in rows)
        {
            table.Row(row.Name, row.Kind, row.Target, row.Targets.ToString(CultureInfo.InvariantCulture), Count(row.Strikes),
                row.Attached ? "active" : "ended");
        }

        return table;
    }
}
