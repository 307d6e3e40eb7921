using Prometheus;
using TrdpSim.Telemetry;

namespace TrdpSim.Reporting;

/// <summary>The Prometheus series of subscriptions of a multi-homed source, per path (the source's interface):
/// <c>trdpsim_pd_path_received_total</c>, <c>trdpsim_pd_path_lost_total</c>, <c>trdpsim_pd_path_redundant_total</c>
/// and <c>trdpsim_pd_path_up</c> (1 delivering, 0 silent for the timeout), labelled <c>device</c>, <c>name</c>,
/// <c>path</c>.</summary>
/// <remarks>Labels are bounded: at most <see cref="PrometheusExporter.MaxLabelledGroups"/> subscriptions, at most four
/// paths each (<c>Plan.InterfaceNames.Max</c>). Under the exporter's collect lock.</remarks>
internal sealed class PathMetrics
{
    private readonly List<(PathFigures Source, Counter.Child Received, Counter.Child Lost, Counter.Child Redundant, Gauge.Child Up)> _series = [];

    public PathMetrics(MetricFactory factory, RunTelemetry telemetry)
    {
        Counter? received = null, lost = null, redundant = null;
        Gauge? up = null;
        var labelled = 0;
        foreach (var group in telemetry.Groups)
        {
            if (group.Paths is not { } paths || labelled++ >= PrometheusExporter.MaxLabelledGroups)
            {
                continue;
            }

            string[] labels = ["device", "name", "path"];
            received ??= factory.CreateCounter("trdpsim_pd_path_received_total", "Subscriptions of a multi-homed source: telegrams received over each path (first arrivals and redundant copies).", labels);
            lost ??= factory.CreateCounter("trdpsim_pd_path_lost_total", "Subscriptions of a multi-homed source: sequence counters each path skipped.", labels);
            redundant ??= factory.CreateCounter("trdpsim_pd_path_redundant_total", "Subscriptions of a multi-homed source: copies another path had delivered first (not duplicates).", labels);
            up ??= factory.CreateGauge("trdpsim_pd_path_up", "Subscriptions of a multi-homed source: 1 while the path delivers, 0 once it was silent for the timeout.", labels);
            foreach (var path in paths)
            {
                _series.Add((path, received.WithLabels(group.Device, group.Name, path.Name), lost.WithLabels(group.Device, group.Name, path.Name),
                    redundant.WithLabels(group.Device, group.Name, path.Name), up.WithLabels(group.Device, group.Name, path.Name)));
            }
        }
    }

    public void Update()
    {
        foreach (var (source, received, lost, redundant, up) in _series)
        {
            received.IncTo(Volatile.Read(ref source.Received));
            lost.IncTo(Volatile.Read(ref source.Lost));
            redundant.IncTo(Volatile.Read(ref source.Redundant));
            up.Set(Volatile.Read(ref source.IsDown) > 0 ? 0 : 1);
        }
    }
}
