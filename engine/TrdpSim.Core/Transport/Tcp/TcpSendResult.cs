namespace TrdpSim.Transport.Tcp;

/// <summary>Outcome of offering a frame to a TCP connection (a value, never an exception).</summary>
internal enum TcpSendResult : byte
{
    /// <summary>Copied into the connection's send buffer; it is written as soon as the socket takes it.</summary>
    Accepted = 0,

    /// <summary>Copied into the send buffer of a connection that is still connecting; written once connected
    /// (dropped, and reported through <see cref="ITcpMdHandler.OnConnectionClosed"/>, if the connect fails).</summary>
    QueuedUntilConnected,

    /// <summary>Not taken: the send buffer would exceed its bound (peer slower than the sender).</summary>
    BufferFull,

    /// <summary>Not taken: the connection is closed.</summary>
    Closed,

    /// <summary>Not taken: shorter than the 116-byte MD header or longer than 65504 bytes.</summary>
    InvalidFrame,

    /// <summary>Not taken: the pool is disposed.</summary>
    Disposed,

    /// <summary>Not taken: the last connect to this destination failed and the pool waits out its reconnect
    /// delay (<see cref="TcpMdClientOptions.ReconnectDelay"/>) before trying again.</summary>
    ReconnectWait,
}
