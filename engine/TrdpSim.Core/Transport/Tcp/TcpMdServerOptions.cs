using TrdpSim.Protocol;

namespace TrdpSim.Transport.Tcp;

/// <summary>How a <see cref="TcpMdServer"/> listens (trdp-wire.md §8.9, §8.10).</summary>
/// <remarks>Read once by the server's constructor; later changes have no effect on it.</remarks>
internal sealed class TcpMdServerOptions
{
    /// <summary>Local address to listen on, host order. Default 0 (0.0.0.0, any); tests use 127.0.0.1.</summary>
    public uint BindAddress { get; set; }

    /// <summary>Local port. Default 17225 (TRDP MD). 0 picks an ephemeral port; read it back from
    /// <see cref="TcpMdServer.LocalEndpoint"/>.</summary>
    public ushort Port { get; set; } = TrdpPorts.MessageData;

    /// <summary>Connections kept at once. Default 1024; further accepts are closed at once and counted in
    /// <see cref="TcpMdStats.Refused"/>.</summary>
    public int MaxConnections { get; set; } = 1024;

    /// <summary>A connection with no received or sent byte for this long is closed. Default 60 s
    /// (TRDP_MD_DEFAULT_CONNECTION_TIMEOUT); <see cref="Timeout.InfiniteTimeSpan"/> disables it.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>A send that makes no progress for this long closes the connection. Default 5 s (TCNopen
    /// sending timeout); <see cref="Timeout.InfiniteTimeSpan"/> disables it.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Bound of a connection's unsent bytes (pending + in flight). Default 256 KiB; at least one
    /// maximum MD frame (65504). Over the bound Send returns false instead of blocking.</summary>
    public int MaxSendBufferBytes { get; set; } = 256 * 1024;

    /// <summary>Minimum receive size per connection. Default 16 KiB (see <see cref="MdStreamFramer"/>).</summary>
    public int ReceiveChunkBytes { get; set; } = MdStreamFramer.DefaultChunkSize;

    /// <summary>Refuse (<see cref="SocketSetupException"/>, EADDRINUSE) when another TCP listener on this host is
    /// bound to exactly <see cref="BindAddress"/>:<see cref="Port"/>. The listener sets SO_REUSEADDR and (through
    /// .NET on Linux) SO_REUSEPORT, which a listener beside a wildcard-bound one needs and which also lets a second
    /// listener onto the same address and port, sharing its connections; this check, made in
    /// <c>/proc/net/tcp</c> after listening (Linux only), keeps that out. Ignored for the wildcard address and
    /// port 0. Default false.</summary>
    public bool ExclusiveBind { get; set; }

    /// <summary>Listen backlog. Default 128.</summary>
    public int Backlog { get; set; } = 128;
}
