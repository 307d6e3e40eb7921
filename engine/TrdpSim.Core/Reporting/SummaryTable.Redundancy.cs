using TrdpSim.Telemetry;
using System.Text;

namespace TrdpSim.Reporting;

public static partial class SummaryTable
{
    /// <summary>One line per redundancy group: its leader at the end, switchovers by cause and the gap on the wire.</summary>
    private static void AppendRedundancy(StringBuilder text, IReadOnlyList<RedundancyRow> rows, int width)
    {
        foreach (var row in rows)
        {
            var items = new List<string>
            {
                $"leader {row.Leader}",
                row.TakeoverAfterNanoseconds > 0 ? $"takeover after {Units.Duration(row.TakeoverAfterNanoseconds)} of silence" : "takeover off (command only)",
                $"switchovers on command {row.Commanded}",
                $"on leader silence {row.LeaderSilence}",
            };
            if (row.Gap.Count > 0)
            {
                items.Add($"gap on the wire p50 {Units.Duration(row.Gap.P50)}, p99 {Units.Duration(row.Gap.P99)}, max {Units.Duration(row.Gap.Max)}");
            }

            TextWrap.AppendItems(text, $"redundancy group {row.Id}: ", items, ", ", width);
        }
    }
}
