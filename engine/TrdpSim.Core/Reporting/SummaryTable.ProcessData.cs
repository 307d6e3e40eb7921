using System.Globalization;
using System.Text;
using TrdpSim.Telemetry;

namespace TrdpSim.Reporting;

/// <summary>The process-data part of the summary: a table per role and the totals per role.</summary>
public static partial class SummaryTable
{
    private static TextColumn Device() => new("device", LeftAligned: true, MinWidth: 6, MaxWidth: 16);

    private static TextColumn Name(string header) => new(header, LeftAligned: true, MinWidth: 8, MaxWidth: 24);

    private static void AppendProcessData(StringBuilder text, IReadOnlyList<SummaryRow> rows, int width)
    {
        // Each role's figures mean different things (a publication sends, a subscription receives, a pull
        // does both and measures a round trip), so each has its own table rather than one with blank columns.
        var publish = new TextTable("process data — publish",
            Device(), Name("telegram"), new("comId"), new("inst", "instances", DropOrder: 3),
            new("sent", "sent on its cycle"),
            new("struck", "withheld by a fault (sent + struck = cycles played)", DropOrder: 1),
            new("pulled", "pull requests answered"),
            new("fail", "refused by the socket"),
            new("drop", "cycles skipped (sender fell behind)"),
            new("delayed", "held back by a delay fault", DropOrder: 1),
            new("p50", Group: "send lateness"), new("p99", Group: "send lateness"), new("max", Group: "send lateness", DropOrder: 2));
        publish.Note("send lateness", "actual − intended send time");
        var subscribe = new TextTable("process data — subscribe",
            Device(), Name("telegram"), new("comId"), new("inst", "instances", DropOrder: 3),
            new("recv", "accepted"),
            new("lost", "sequence gaps"),
            new("dup", "repeated sequence number"),
            new("ooo", "out of order"),
            new("rst", "sequence restarts (counter went back; not loss)", DropOrder: 1),
            new("jump", "sequence jumps (further ahead than time permits; not loss)", DropOrder: 1),
            new("topo", "topography mismatch", DropOrder: 1),
            new("tmo", "timeouts"),
            new("p50", Group: "jitter"), new("p99", Group: "jitter"), new("max", Group: "jitter", DropOrder: 2));
        subscribe.Note("jitter", "|arrival interval − expected cycle|");
        var pull = new TextTable("process data — pull requests",
            Device(), Name("telegram"), new("comId"), new("inst", "instances", DropOrder: 3),
            new("requests/replies", "'Pr' sent / 'Pp' received within the timeout"),
            new("tmo", "requests not answered within the timeout"),
            new("late", "replies after the timeout or with no request waiting (no RTT)", DropOrder: 1),
            new("fail", "refused by the socket"),
            new("drop", "requests skipped (sender fell behind)", DropOrder: 1),
            new("p50", Group: "pull RTT"), new("p99", Group: "pull RTT"), new("max", Group: "pull RTT", DropOrder: 2));
        pull.Note("pull RTT", "'Pr' sent to 'Pp' received");

        foreach (var row in rows)
        {
            var c = row.Counters;
            var l = row.Latency;
            string comId = row.ComId.ToString(CultureInfo.InvariantCulture);
            string instances = row.Instances.ToString(CultureInfo.InvariantCulture);
            switch (row.Role)
            {
                case TelegramRole.Publish:
                    publish.Row(row.Device, row.Name, comId, instances, Count(c.Sent), Count(c.Struck), Count(c.PullRequests), Count(c.SendFailures),
                        Count(c.DroppedCycles), Count(c.Delayed), Duration(l, l.P50), Duration(l, l.P99), Duration(l, l.Max));
                    break;
                case TelegramRole.Subscribe:
                    subscribe.Row(row.Device, row.Name, comId, instances, Count(c.Received), Count(c.Lost), Count(c.Duplicates),
                        Count(c.OutOfOrder), Count(c.Restarts), Count(c.SequenceJumps), Count(c.TopoRejects), Count(c.Timeouts), Duration(l, l.P50), Duration(l, l.P99), Duration(l, l.Max));
                    break;
                default:
                    pull.Row(row.Device, row.Name, comId, instances, $"{Count(c.PullRequests)}/{Count(c.PullReplies)}", Count(c.Timeouts),
                        Count(c.PullLateReplies + c.PullUnmatchedReplies), Count(c.SendFailures),
                        Count(c.DroppedCycles), Duration(l, l.P50), Duration(l, l.P99), Duration(l, l.Max));
                    break;
            }
        }

        foreach (var table in (ReadOnlySpan<TextTable>)[publish, subscribe, pull])
        {
            if (table.RowCount > 0)
            {
                table.AppendTo(text, width);
            }
        }
    }

    /// <summary>One line per role present, with exact counts.</summary>
    /// <summary>" (12 self-inflicted)" when some of a count fell inside trdpsim's own stalls.</summary>
    private static string Self(long selfInflicted) => selfInflicted > 0 ? $" ({selfInflicted} self-inflicted)" : string.Empty;

    private static void AppendTotals(StringBuilder text, IReadOnlyList<SummaryRow> rows, int width)
    {
        var totals = new TelegramCounters[3];
        foreach (var row in rows)
        {
            (totals[(int)row.Role] ??= new TelegramCounters()).Accumulate(row.Counters);
        }

        if (totals[(int)TelegramRole.Publish] is { } p)
        {
            List<string> items = [$"sent {p.Sent}", $"struck by faults {p.Struck}", $"pull replies sent {p.PullRequests}", $"send failures {p.SendFailures}", $"dropped cycles {p.DroppedCycles}"];
            if (p.Delayed > 0)
            {
                items.Add($"delayed by faults {p.Delayed}");
            }

            if (p.FollowerCycles > 0)
            {
                items.Add($"redundancy follower cycles (not sent) {p.FollowerCycles}");
            }

            TextWrap.AppendItems(text, "publish totals: ", items, ", ", width);
        }

        if (totals[(int)TelegramRole.Subscribe] is { } s)
        {
            TextWrap.AppendItems(text, "subscribe totals: ", [$"received {s.Received}", $"lost {s.Lost}{Self(s.SelfLost)}", $"duplicates {s.Duplicates}",
                $"out-of-order {s.OutOfOrder}", $"restarts {s.Restarts}", $"sequence jumps {s.SequenceJumps}",
                $"topography rejects {s.TopoRejects}", $"timeouts {s.Timeouts}{Self(s.SelfTimeouts)}"], ", ", width);
        }

        foreach (var row in rows)
        {
            foreach (var path in row.Paths)
            {
                TextWrap.AppendItems(text, $"path {path.Name} of {row.Device}/{row.Name}: ", [$"received {path.Received}", $"lost {path.Lost}",
                    $"redundant copies {path.Redundant}", $"fell silent {path.Down}", path.IsDown ? "down now" : "up"], ", ", width);
            }

            if (row.SwitchoverGap is { } gap)
            {
                TextWrap.AppendItems(text, $"switchovers {row.Device}/{row.Name}: ", [$"{row.Counters.Switchovers} ({row.Counters.SwitchoversFromZero} starting at counter 0)",
                    $"gap p50 {Units.Duration(gap.P50)}", $"p99 {Units.Duration(gap.P99)}", $"max {Units.Duration(gap.Max)}"], ", ", width);
            }
        }

        if (totals[(int)TelegramRole.Pull] is { } r)
        {
            TextWrap.AppendItems(text, "pull totals: ", [$"requests sent {r.PullRequests}", $"replies received {r.PullReplies}",
                $"timeouts {r.Timeouts}", $"late replies {r.PullLateReplies}", $"unmatched replies {r.PullUnmatchedReplies}",
                $"send failures {r.SendFailures}", $"dropped cycles {r.DroppedCycles}"], ", ", width);
        }
    }
}
