namespace TrdpSim.Transport;

/// <summary>Creates UDP endpoints: real sockets (<see cref="SocketUdpTransport"/>) or a deterministic
/// in-process network (<see cref="InMemoryUdpTransport"/>).</summary>
/// <remarks>Thread-safe: endpoints may be opened and disposed from any thread.</remarks>
internal interface IUdpTransport
{
    /// <summary>A short name for logs and metrics labels ("socket", "in-memory", …).</summary>
    string Name { get; }

    /// <summary>Creates, configures and binds an endpoint. The caller disposes it.</summary>
    /// <exception cref="SocketSetupException">The socket could not be created, configured or bound (for
    /// example the port is in use without <see cref="UdpEndpointOptions.ReuseAddress"/>, or held by another
    /// socket with <see cref="UdpEndpointOptions.ExclusiveBind"/>); names the step, address, port and OS error.</exception>
    IUdpEndpoint Open(UdpEndpointOptions options);
}
