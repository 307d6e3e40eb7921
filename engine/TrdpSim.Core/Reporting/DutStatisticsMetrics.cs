using Prometheus;
using TrdpSim.Protocol.Statistics;
using TrdpSim.Telemetry;

namespace TrdpSim.Reporting;

/// <summary>The Prometheus series of statistics polled from devices under test:
/// <c>trdpsim_dut_statistics{device, poll, field}</c> (the field's value in the last reply),
/// <c>trdpsim_dut_statistics_rise{device, poll, field}</c> (its change since the first reply) and
/// <c>trdpsim_dut_statistics_replies_total{device, poll}</c>.</summary>
/// <remarks>Gauges, not counters: a DUT's counters restart with its stack and its state fields (free memory)
/// go both ways; Prometheus' own counter semantics would hide a restart. <c>device</c> is the polling device.
/// Under the exporter's collect lock.</remarks>
internal sealed class DutStatisticsMetrics
{
    private readonly List<(DutStatisticsSeries Source, Gauge.Child[] Values, Gauge.Child[] Rises, Counter.Child Replies)> _series = [];

    public DutStatisticsMetrics(MetricFactory factory, RunTelemetry telemetry)
    {
        if (telemetry.DutStatistics.Count == 0)
        {
            return;
        }

        var values = factory.CreateGauge("trdpsim_dut_statistics", "A statistics field (ComId 31, TCNopen's names) of a device under test, as in its last reply to a poll.", "device", "poll", "field");
        var rises = factory.CreateGauge("trdpsim_dut_statistics_rise", "Change of a DUT statistics field since the first reply (counters modulo 2^32; after a DUT restart counted from 0).", "device", "poll", "field");
        var replies = factory.CreateCounter("trdpsim_dut_statistics_replies_total", "Statistics replies decoded per poll.", "device", "poll");
        foreach (var source in telemetry.DutStatistics)
        {
            var valueChildren = new Gauge.Child[StatisticsFields.Count];
            var riseChildren = new Gauge.Child[StatisticsFields.Count];
            for (var i = 0; i < valueChildren.Length; i++)
            {
                valueChildren[i] = values.WithLabels(source.Device, source.Poll, StatisticsFields.Name(i));
                riseChildren[i] = rises.WithLabels(source.Device, source.Poll, StatisticsFields.Name(i));
            }

            _series.Add((source, valueChildren, riseChildren, replies.WithLabels(source.Device, source.Poll)));
        }
    }

    public void Update()
    {
        foreach (var (source, values, rises, replies) in _series)
        {
            var snapshot = source.Snapshot();
            for (var i = 0; i < values.Length; i++)
            {
                values[i].Set(snapshot.Fields[i].Latest);
                rises[i].Set(snapshot.Fields[i].Rise);
            }

            replies.IncTo(snapshot.Replies);
        }
    }
}
