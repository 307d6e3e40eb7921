using Prometheus;
using TrdpSim.Telemetry;

namespace TrdpSim.Reporting;

/// <summary>The Prometheus series of redundancy groups: <c>trdpsim_redundancy_switchovers_total{group, cause}</c>
/// (<c>command</c>, <c>leader-silence</c>) and <c>trdpsim_redundancy_switchover_gap_seconds{group, percentile}</c>
/// (old leader's last frame on the wire → new leader's first, since start).</summary>
/// <remarks>Labels are bounded by the plan: one value per group id and a fixed set of causes and percentiles.
/// Under the exporter's collect lock.</remarks>
internal sealed class RedundancyMetrics
{
    private static readonly SwitchoverCause[] Causes = [SwitchoverCause.Command, SwitchoverCause.LeaderSilence];
    private readonly List<(RedundancyFigures Source, Counter.Child[] Switchovers, Gauge.Child[] Gap)> _series = [];

    public RedundancyMetrics(MetricFactory factory, RunTelemetry telemetry, string[] percentiles)
    {
        if (telemetry.Redundancy.Count == 0)
        {
            return;
        }

        var switchovers = factory.CreateCounter("trdpsim_redundancy_switchovers_total", "Leader changes of a redundancy group, by cause (command, leader-silence).", "group", "cause");
        var gap = factory.CreateGauge("trdpsim_redundancy_switchover_gap_seconds", "Redundancy group: old leader's last frame on the wire to the new leader's first, percentiles since start.", "group", "percentile");
        foreach (var source in telemetry.Redundancy)
        {
            var id = source.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            _series.Add((source, Array.ConvertAll(Causes, cause => switchovers.WithLabels(id, RedundancyFigures.Word(cause))),
                Array.ConvertAll(percentiles, label => gap.WithLabels(id, label))));
        }
    }

    public void Update()
    {
        foreach (var (source, switchovers, gap) in _series)
        {
            for (var c = 0; c < Causes.Length; c++)
            {
                switchovers[c].IncTo(source.Switchovers(Causes[c]));
            }

            var snapshot = source.Gap.Refresh();
            gap[0].Set(snapshot.P50 / 1e9);
            gap[1].Set(snapshot.P90 / 1e9);
            gap[2].Set(snapshot.P99 / 1e9);
            gap[3].Set(snapshot.P999 / 1e9);
        }
    }
}
