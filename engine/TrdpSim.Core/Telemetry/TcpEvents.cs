using TrdpSim.Transport.Tcp;

namespace TrdpSim.Telemetry;

/// <summary>The fixed set of TCP connection events and close reasons: JSON keys and Prometheus label values
/// (bounded cardinality).</summary>
internal static class TcpEvents
{
    private const TcpSide Client = TcpSide.Client;
    private const TcpSide Server = TcpSide.Server;

    /// <summary>(name, side it applies to — null for both, reader) in display order.</summary>
    public static readonly (string Name, TcpSide? Side, Func<TcpMdStats, long> Read)[] All =
    [
        ("connect_attempts", Client, s => s.ConnectAttempts),
        ("connected", Client, s => s.Connected),
        ("accepted", Server, s => s.Accepted),
        ("refused", Server, s => s.Refused),
        ("frames_in", null, s => s.FramesIn),
        ("frames_out", null, s => s.FramesOut),
        ("bytes_in", null, s => s.BytesIn),
        ("bytes_out", null, s => s.BytesOut),
        ("framing_errors", null, s => s.FramingErrors),
        ("send_rejected_buffer_full", null, s => s.SendRejectedBufferFull),
        ("send_rejected_closed", null, s => s.SendRejectedClosed),
        ("send_rejected_invalid", null, s => s.SendRejectedInvalid),
        ("send_rejected_reconnect_wait", Client, s => s.SendRejectedReconnectWait),
        ("bytes_dropped_on_close", null, s => s.BytesDroppedOnClose),
        ("handler_errors", null, s => s.HandlerErrors),
    ];

    /// <summary>Every close reason with its label and the side it applies to (null for both), in enum order.</summary>
    public static readonly (TcpCloseReason Reason, string Name, TcpSide? Side)[] CloseReasons =
    [
        (TcpCloseReason.PeerClosed, "peer_closed", null),
        (TcpCloseReason.SocketError, "socket_error", null),
        (TcpCloseReason.FramingError, "framing_error", null),
        (TcpCloseReason.IdleTimeout, "idle_timeout", null),
        (TcpCloseReason.SendTimeout, "send_timeout", null),
        (TcpCloseReason.ConnectFailed, "connect_failed", Client),
        (TcpCloseReason.ConnectTimeout, "connect_timeout", Client),
        (TcpCloseReason.LocalClose, "local_close", null),
        (TcpCloseReason.Disposed, "disposed", null),
    ];

    /// <summary>Whether the event at <paramref name="index"/> can happen on <paramref name="side"/>.</summary>
    public static bool AppliesTo(int index, TcpSide side) => All[index].Side is not { } only || only == side;

    /// <summary>Whether the close reason at <paramref name="index"/> can happen on <paramref name="side"/>.</summary>
    public static bool CloseAppliesTo(int index, TcpSide side) => CloseReasons[index].Side is not { } only || only == side;
}
