using TrdpSim.Telemetry;

namespace TrdpSim.Reporting;

/// <summary>A TCP endpoint's counters at one moment: <see cref="Events"/> in <see cref="TcpEvents.All"/>
/// order, <see cref="Closed"/> in <see cref="TcpEvents.CloseReasons"/> order.</summary>
internal sealed record TcpSummaryRow(string Device, string Side, int Open, long[] Events, long[] Closed)
{
    public static TcpSummaryRow Capture(TcpEndpointStats endpoint)
    {
        var events = new long[TcpEvents.All.Length];
        for (var e = 0; e < events.Length; e++)
        {
            events[e] = TcpEvents.All[e].Read(endpoint.Stats);
        }

        var closed = new long[TcpEvents.CloseReasons.Length];
        for (var r = 0; r < closed.Length; r++)
        {
            closed[r] = endpoint.Stats.ClosedBy(TcpEvents.CloseReasons[r].Reason);
        }

        return new TcpSummaryRow(endpoint.Device, endpoint.SideLabel, endpoint.Stats.ActiveConnections, events, closed);
    }

    /// <summary>Sends refused for any reason: buffer full, connection closed, bad frame length, waiting to reconnect.</summary>
    public long RefusedSends => Event("send_rejected_buffer_full") + Event("send_rejected_closed") + Event("send_rejected_invalid")
        + Event("send_rejected_reconnect_wait");

    /// <summary>The named event's count (a name from <see cref="TcpEvents.All"/>).</summary>
    public long Event(string name)
    {
        for (var e = 0; e < TcpEvents.All.Length; e++)
        {
            if (TcpEvents.All[e].Name == name)
            {
                return Events[e];
            }
        }

        throw new ArgumentOutOfRangeException(nameof(name), name, "not a TCP event");
    }
}
