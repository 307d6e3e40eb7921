using Prometheus;

namespace TrdpSim.Telemetry;

/// <summary>The TCP MD series of the Prometheus exporter: per device and side, connections open,
/// connection events and closes by reason. Series exist only for devices that use MD over TCP.</summary>
internal sealed class TcpMetrics
{
    private readonly List<Series> _series = [];

    public TcpMetrics(MetricFactory factory, IReadOnlyList<TcpEndpointStats> endpoints)
    {
        if (endpoints.Count == 0)
        {
            return;
        }

        var open = factory.CreateGauge("trdpsim_md_tcp_connections", "MD TCP connections open or connecting now.", "device", "side");
        var events = factory.CreateCounter("trdpsim_md_tcp_events_total", "MD TCP connection events, frames and bytes (fixed event set).", "device", "side", "event");
        var closed = factory.CreateCounter("trdpsim_md_tcp_closed_total", "MD TCP connections closed, by reason.", "device", "side", "reason");
        foreach (var endpoint in endpoints)
        {
            var eventChildren = new Counter.Child[TcpEvents.All.Length];
            for (var e = 0; e < eventChildren.Length; e++)
            {
                eventChildren[e] = events.WithLabels(endpoint.Device, endpoint.SideLabel, TcpEvents.All[e].Name);
            }

            var closedChildren = new Counter.Child[TcpEvents.CloseReasons.Length];
            for (var r = 0; r < closedChildren.Length; r++)
            {
                closedChildren[r] = closed.WithLabels(endpoint.Device, endpoint.SideLabel, TcpEvents.CloseReasons[r].Name);
            }

            _series.Add(new Series(endpoint, open.WithLabels(endpoint.Device, endpoint.SideLabel), eventChildren, closedChildren));
        }
    }

    public void Update()
    {
        foreach (var series in _series)
        {
            series.Update();
        }
    }

    private sealed class Series(TcpEndpointStats endpoint, Gauge.Child open, Counter.Child[] events, Counter.Child[] closed)
    {
        public void Update()
        {
            var stats = endpoint.Stats;
            open.Set(stats.ActiveConnections);
            for (var e = 0; e < events.Length; e++)
            {
                events[e].IncTo(TcpEvents.All[e].Read(stats));
            }

            for (var r = 0; r < closed.Length; r++)
            {
                closed[r].IncTo(stats.ClosedBy(TcpEvents.CloseReasons[r].Reason));
            }
        }
    }
}
