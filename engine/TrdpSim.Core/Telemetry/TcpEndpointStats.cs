using TrdpSim.Transport.Tcp;

namespace TrdpSim.Telemetry;

/// <summary>Which end of MD over TCP a device plays.</summary>
public enum TcpSide : byte
{
    /// <summary>The device's callers connect out (one kept connection per destination).</summary>
    Client,

    /// <summary>The device's TCP repliers accept connections on the MD port.</summary>
    Server,
}

/// <summary>One device's TCP MD server or client pool, with its live counters.</summary>
public sealed record TcpEndpointStats(string Device, TcpSide Side, TcpMdStats Stats)
{
    /// <summary>The <c>side</c> label: <c>client</c> or <c>server</c>.</summary>
    public string SideLabel => Side == TcpSide.Client ? "client" : "server";
}

/// <summary>The fixed set of TCP connection events and close reasons: JSON keys and Prometheus label values
/// (bounded cardinality).</summary>
public static class TcpEvents
{
    /// <summary>(name, reader) pairs in display order.</summary>
    public static readonly (string Name, Func<TcpMdStats, long> Read)[] All =
    [
        ("connect_attempts", s => s.ConnectAttempts),
        ("connected", s => s.Connected),
        ("accepted", s => s.Accepted),
        ("refused", s => s.Refused),
        ("frames_in", s => s.FramesIn),
        ("frames_out", s => s.FramesOut),
        ("bytes_in", s => s.BytesIn),
        ("bytes_out", s => s.BytesOut),
        ("framing_errors", s => s.FramingErrors),
        ("send_rejected_buffer_full", s => s.SendRejectedBufferFull),
        ("send_rejected_closed", s => s.SendRejectedClosed),
        ("send_rejected_invalid", s => s.SendRejectedInvalid),
        ("send_rejected_reconnect_wait", s => s.SendRejectedReconnectWait),
        ("bytes_dropped_on_close", s => s.BytesDroppedOnClose),
        ("handler_errors", s => s.HandlerErrors),
    ];

    /// <summary>Every close reason with its label, in enum order.</summary>
    public static readonly (TcpCloseReason Reason, string Name)[] CloseReasons =
    [
        (TcpCloseReason.PeerClosed, "peer_closed"),
        (TcpCloseReason.SocketError, "socket_error"),
        (TcpCloseReason.FramingError, "framing_error"),
        (TcpCloseReason.IdleTimeout, "idle_timeout"),
        (TcpCloseReason.SendTimeout, "send_timeout"),
        (TcpCloseReason.ConnectFailed, "connect_failed"),
        (TcpCloseReason.ConnectTimeout, "connect_timeout"),
        (TcpCloseReason.LocalClose, "local_close"),
        (TcpCloseReason.Disposed, "disposed"),
    ];
}

/// <summary>A TCP endpoint's counters at one moment: <see cref="Events"/> in <see cref="TcpEvents.All"/>
/// order, <see cref="Closed"/> in <see cref="TcpEvents.CloseReasons"/> order.</summary>
public sealed record TcpSummaryRow(string Device, string Side, int Open, long[] Events, long[] Closed)
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
