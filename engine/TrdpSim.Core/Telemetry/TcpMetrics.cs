using Prometheus;
using TrdpSim.Transport.Tcp;

namespace TrdpSim.Telemetry;

/// <summary>The TCP MD series of the Prometheus exporter: per device and side, connections open,
/// connection events and closes by reason. Series exist only for devices that use MD over TCP, and only
/// those of the endpoint's side (a server never connects out, a client never accepts).</summary>
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
            var eventChildren = new List<(Counter.Child, Func<TcpMdStats, long>)>();
            for (var e = 0; e < TcpEvents.All.Length; e++)
            {
                if (TcpEvents.AppliesTo(e, endpoint.Side))
                {
                    eventChildren.Add((events.WithLabels(endpoint.Device, endpoint.SideLabel, TcpEvents.All[e].Name), TcpEvents.All[e].Read));
                }
            }

            var closedChildren = new List<(Counter.Child, TcpCloseReason)>();
            for (var r = 0; r < TcpEvents.CloseReasons.Length; r++)
            {
                if (TcpEvents.CloseAppliesTo(r, endpoint.Side))
                {
                    closedChildren.Add((closed.WithLabels(endpoint.Device, endpoint.SideLabel, TcpEvents.CloseReasons[r].Name), TcpEvents.CloseReasons[r].Reason));
                }
            }

            _series.Add(new Series(endpoint, open.WithLabels(endpoint.Device, endpoint.SideLabel), [.. eventChildren], [.. closedChildren]));
        }
    }

    public void Update()
    {
        foreach (var series in _series)
        {
            series.Update();
        }
    }

    private sealed class Series(TcpEndpointStats endpoint, Gauge.Child open, (Counter.Child Child, Func<TcpMdStats, long> Read)[] events,
        (Counter.Child Child, TcpCloseReason Reason)[] closed)
    {
        public void Update()
        {
            var stats = endpoint.Stats;
            open.Set(stats.ActiveConnections);
            foreach (var (child, read) in events)
            {
                child.IncTo(read(stats));
            }

            foreach (var (child, reason) in closed)
            {
                child.IncTo(stats.ClosedBy(reason));
            }
        }
    }
}
