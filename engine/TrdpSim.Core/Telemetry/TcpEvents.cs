using TrdpSim.Transport.Tcp;

namespace TrdpSim.Telemetry;

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
