namespace TrdpSim.Transport.Tcp;

/// <summary>How a <see cref="TcpMdClientPool"/> connects (trdp-wire.md §8.9, §8.10).</summary>
/// <remarks>Read once by the pool's constructor; later changes have no effect on it.</remarks>
internal sealed class TcpMdClientOptions
{
    /// <summary>Local address to bind client sockets to before connecting, host order. Default 0: do not
    /// bind (what TCNopen does; the kernel picks the source address by route). Set it to a simulated
    /// device's own 127.0.0.x address to make its connections come from that address. A send that names another
    /// local address (a multi-homed device's further interface) binds its own connection to that one.</summary>
    public uint BindAddress { get; set; }

    /// <summary>A connect that has not finished after this long fails with
    /// <see cref="TcpCloseReason.ConnectTimeout"/>. Default 60 s (TCNopen connect timeout).</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>A connection with no received or sent byte for this long is closed; the next Send to that
    /// destination opens a new one. Default 60 s; <see cref="Timeout.InfiniteTimeSpan"/> disables it.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>A send that makes no progress for this long closes the connection. Default 5 s.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>After a failed or timed-out connect, sends to that destination are refused with
    /// <see cref="TcpSendResult.ReconnectWait"/> for this long instead of opening a socket each; every further
    /// failure doubles the wait up to <see cref="MaxReconnectDelay"/>, and a successful connect resets it.
    /// Default 100 ms; <see cref="TimeSpan.Zero"/> retries on every send (TCNopen's behaviour).</summary>
    /// <remarks>Without it, a caller at thousands of requests per second against a device that is down opens
    /// (and closes) thousands of sockets per second.</remarks>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Longest wait between connect attempts to one destination. Default 5 s.</summary>
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Connections (destinations) open at once. Default 1024; beyond it Send returns
    /// <see cref="TcpSendResult.Closed"/> for new destinations.</summary>
    public int MaxConnections { get; set; } = 1024;

    /// <summary>Bound of a connection's unsent bytes, including frames queued while connecting.
    /// Default 256 KiB; at least 65504.</summary>
    public int MaxSendBufferBytes { get; set; } = 256 * 1024;

    /// <summary>Minimum receive size per connection. Default 16 KiB.</summary>
    public int ReceiveChunkBytes { get; set; } = MdStreamFramer.DefaultChunkSize;
}
