namespace TrdpSim.Transport.Tcp;

/// <summary>Why a <see cref="TcpMdConnection"/> was closed; reported to
/// <see cref="ITcpMdHandler.OnConnectionClosed"/> and counted in <see cref="TcpMdStats"/>.</summary>
/// <remarks>Values index the per-reason counters; append new values at the end.</remarks>
public enum TcpCloseReason : byte
{
    /// <summary>The peer closed its side (orderly FIN, receive returned 0 bytes).</summary>
    PeerClosed = 0,

    /// <summary>A socket error on receive or send (reset, broken pipe, …).</summary>
    SocketError,

    /// <summary>A received header failed validation; the stream cannot be resynchronised.</summary>
    FramingError,

    /// <summary>Nothing was received or sent for the idle timeout (TCNopen default 60 s).</summary>
    IdleTimeout,

    /// <summary>A send made no progress for the send timeout (default 5 s): the peer does not drain.</summary>
    SendTimeout,

    /// <summary>The connect attempt failed (refused, unreachable, bind failed).</summary>
    ConnectFailed,

    /// <summary>The connect attempt did not finish within the connect timeout (TCNopen default 60 s).</summary>
    ConnectTimeout,

    /// <summary><see cref="TcpMdConnection.Close()"/> was called.</summary>
    LocalClose,

    /// <summary>The owning server or pool was disposed.</summary>
    Disposed,
}
