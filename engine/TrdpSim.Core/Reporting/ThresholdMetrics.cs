using Prometheus;
using TrdpSim.Thresholds;

namespace TrdpSim.Reporting;

/// <summary>Exports <c>trdpsim_threshold_ok{threshold}</c>: 1 while a threshold holds, 0 once it failed
/// (or while a whole-run rule is violated), refreshed at scrape time.</summary>
/// <remarks>Registered beside the <see cref="PrometheusExporter"/>'s series in the same private registry;
/// one series per threshold (the label is the threshold's one-line text), so cardinality is the plan's.</remarks>
internal static class ThresholdMetrics
{
    /// <summary>Adds the gauge for every threshold of <paramref name="monitor"/> to <paramref name="registry"/>.</summary>
    public static void Register(CollectorRegistry registry, ThresholdMonitor monitor)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(monitor);
        if (monitor.Count == 0)
        {
            return;
        }

        Gauge gauge = Metrics.WithCustomRegistry(registry)
            .CreateGauge("trdpsim_threshold_ok", "1 while the threshold holds, 0 once it failed (or while a whole-run rule is violated).", "threshold");
        var children = new Gauge.Child[monitor.Count];
        for (int i = 0; i < children.Length; i++)
        {
            children[i] = gauge.WithLabels(monitor.Text(i));
            children[i].Set(1);
        }

        registry.AddBeforeCollectCallback(() =>
        {
            for (int i = 0; i < children.Length; i++)
            {
                children[i].Set(monitor.IsOk(i) ? 1 : 0);
            }
        });
    }
}
