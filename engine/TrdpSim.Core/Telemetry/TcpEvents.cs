using TrdpSim.Transport.Tcp;

namespace TrdpSim.Telemetry;

/// <summary>The fixed set of TCP connection events and close reasons: JSON keys and Prometheus label values
/// (bounded cardinality).</summary>
internal static class TcpEvents
{
    private const TcpSide Client = TcpSide.Client;
    private const TcpSide Server = TcpSide.Server;

    /// <summary>The events in display order.</summary>
    public static readonly SidedEvent<TcpSide, TcpMdStats>[] All =
    [
        new("connect_attempts", Client, s => s.ConnectAttempts),
        new("connected", Client, s => s.Connected),
        new("accepted", Server, s => s.Accepted),
        new("refused", Server, s => s.Refused),
        new("frames_in", null, s => s.FramesIn),
        new("frames_out", null, s => s.FramesOut),
        new("bytes_in", null, s => s.BytesIn),
        new("bytes_out", null, s => s.BytesOut),
        new("framing_errors", null, s => s.FramingErrors),
        new("send_rejected_buffer_full", null, s => s.SendRejectedBufferFull),
        new("send_rejected_closed", null, s => s.SendRejectedClosed),
        new("send_rejected_invalid", null, s => s.SendRejectedInvalid),
        new("send_rejected_reconnect_wait", Client, s => s.SendRejectedReconnectWait),
        new("bytes_dropped_on_close", null, s => s.BytesDroppedOnClose),
        new("handler_errors", null, s => s.HandlerErrors),
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
    public static bool AppliesTo(int index, TcpSide side) => All[index].AppliesTo(side);

    /// <summary>Whether the close reason at <paramref name="index"/> can happen on <paramref name="side"/>.</summary>
    public static bool CloseAppliesTo(int index, TcpSide side) => CloseReasons[index].Side is not { } only || only == side;
}
