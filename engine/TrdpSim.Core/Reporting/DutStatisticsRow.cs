using TrdpSim.Telemetry;

namespace TrdpSim.Reporting;

/// <summary>One statistics poll of a device under test, as the summary shows it.</summary>
/// <param name="Device">The polling device.</param>
/// <param name="Poll">The poll's plan name.</param>
/// <param name="Target">The polled device's address.</param>
/// <param name="Figures">Replies, restarts and every field's first, latest, last and largest change and rise.</param>
internal sealed record DutStatisticsRow(string Device, string Poll, string Target, DutStatisticsSnapshot Figures)
{
    /// <summary>Takes the current figures of every poll of the run.</summary>
    public static List<DutStatisticsRow> Capture(RunTelemetry telemetry)
    {
        var rows = new List<DutStatisticsRow>(telemetry.DutStatistics.Count);
        foreach (var series in telemetry.DutStatistics)
        {
            rows.Add(new DutStatisticsRow(series.Device, series.Poll, series.Target, series.Snapshot()));
        }

        return rows;
    }
}
