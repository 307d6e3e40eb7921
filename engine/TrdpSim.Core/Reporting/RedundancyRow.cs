using TrdpSim.Telemetry;

namespace TrdpSim.Reporting;

/// <summary>One redundancy group as the summary shows it: its leader, switchovers by cause and the gap on the wire.</summary>
/// <param name="Id">The group id.</param>
/// <param name="Leader">The leading device at the end.</param>
/// <param name="TakeoverAfterNanoseconds">The followers' takeover time; 0 = command only.</param>
/// <param name="Commanded">Switchovers on command.</param>
/// <param name="LeaderSilence">Takeovers from a silent leader.</param>
/// <param name="Gap">Old leader's last frame on the wire → new leader's first.</param>
internal sealed record RedundancyRow(uint Id, string Leader, long TakeoverAfterNanoseconds, long Commanded, long LeaderSilence, LatencySnapshot Gap)
{
    /// <summary>Takes the current figures of every redundancy group of the run.</summary>
    public static List<RedundancyRow> Capture(RunTelemetry telemetry)
    {
        var rows = new List<RedundancyRow>(telemetry.Redundancy.Count);
        foreach (var group in telemetry.Redundancy)
        {
            rows.Add(new RedundancyRow(group.Id, group.Leader, group.TakeoverAfterNanoseconds, group.Switchovers(SwitchoverCause.Command),
                group.Switchovers(SwitchoverCause.LeaderSilence), group.Gap.Refresh()));
        }

        return rows;
    }
}
