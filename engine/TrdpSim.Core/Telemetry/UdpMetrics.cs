using Prometheus;

namespace TrdpSim.Telemetry;

/// <summary>The UDP socket series of the Prometheus exporter:
/// <c>trdpsim_udp_icmp_refused_total{device, socket}</c>, summed over a device's sockets of one kind (its
/// send sockets are one per destination; the summary JSON lists them one by one).</summary>
/// <remarks>Series are made when a scrape first sees a socket (sockets a fault opens come at runtime), so a
/// steady scrape only sums counters. Under the exporter's collect lock.</remarks>
internal sealed class UdpMetrics
{
    private readonly RunTelemetry _telemetry;
    private readonly Counter _icmpRefused;
    private readonly Dictionary<(string Device, string Socket), Series> _byLabels = [];
    private readonly List<Series> _series = [];
    private int _seen;

    public UdpMetrics(MetricFactory factory, RunTelemetry telemetry)
    {
        _telemetry = telemetry;
        _icmpRefused = factory.CreateCounter("trdpsim_udp_icmp_refused_total",
            "Sends refused by a pending ICMP port-unreachable (an earlier datagram found no listener); each datagram was sent again, so these are not send failures.",
            "device", "socket");
        Update();
    }

    public void Update()
    {
        var sockets = _telemetry.UdpSockets();
        for (; _seen < sockets.Count; _seen++)
        {
            var socket = sockets[_seen];
            if (!_byLabels.TryGetValue((socket.Device, socket.Socket), out var series))
            {
                series = new Series(_icmpRefused.WithLabels(socket.Device, socket.Socket));
                _byLabels.Add((socket.Device, socket.Socket), series);
                _series.Add(series);
            }

            series.Sockets.Add(socket);
        }

        foreach (var series in _series)
        {
            long refused = 0;
            foreach (var socket in series.Sockets)
            {
                refused += socket.Stats.IcmpRefused;
            }

            series.Counter.IncTo(refused);
        }
    }

    private sealed class Series(Counter.Child counter)
    {
        public Counter.Child Counter { get; } = counter;

        public List<DeviceUdpSocket> Sockets { get; } = [];
    }
}
