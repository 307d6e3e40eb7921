using System.Globalization;
using System.Text;

namespace TrdpSim.Reporting;

/// <summary>The summary's section for statistics polled from devices under test (ComId 31).</summary>
public static partial class SummaryTable
{
    /// <summary>One line per poll (replies, DUT restarts), then a table of the counters that are not zero and
    /// every field that changed: a full dataset is 52 fields, most of them constant; the JSON has them all.</summary>
    private static void AppendDutStatistics(StringBuilder text, IReadOnlyList<DutStatisticsRow> rows, int width)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var table = new TextTable("DUT statistics (ComId 31 polls)",
            new("device", LeftAligned: true, MinWidth: 6, MaxWidth: 20), new("poll", LeftAligned: true, MinWidth: 6, MaxWidth: 20),
            new("field", LeftAligned: true), new("latest", "value in the last reply"),
            new("rise", "change since the first reply (counters modulo 2^32; after a DUT restart counted from 0)"),
            new("last Δ", "change over the last poll interval"), new("max Δ", "largest change over one poll interval"));
        foreach (var row in rows)
        {
            foreach (var field in row.Figures.Fields)
            {
                if ((field.Counter && field.Latest != 0) || field.Rise != 0)
                {
                    table.Row(row.Device, row.Poll, field.Name, field.Latest.ToString(CultureInfo.InvariantCulture),
                        Signed(field.Rise), Signed(field.LastDelta), Signed(field.MaxDelta));
                }
            }
        }

        text.AppendLine();
        foreach (var row in rows)
        {
            TextWrap.AppendItems(text, $"DUT statistics {row.Device}/{row.Poll} from {row.Target}: ",
                [$"replies decoded {row.Figures.Replies}", $"too short {row.Figures.BadReplies}", $"DUT restarts {row.Figures.Restarts}"], ", ", width);
        }

        if (table.RowCount > 0)
        {
            table.AppendTo(text, width);
        }
    }

    private static string Signed(long value) => value.ToString(CultureInfo.InvariantCulture);
}
