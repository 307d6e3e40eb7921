using TrdpSim.Transport.Internal;

namespace TrdpSim.Transport;

/// <summary>Real UDP sockets. On Linux: a raw socket descriptor driven with <c>sendmmsg</c>/<c>recvmmsg</c>
/// (up to 64 datagrams per system call) through source-generated P/Invoke; elsewhere: a
/// <see cref="System.Net.Sockets.Socket"/> fallback with one call per datagram.</summary>
/// <remarks>
/// <para>Both paths allocate nothing per datagram. The Linux path keeps its msghdr/iovec/sockaddr arrays in
/// native memory allocated once per endpoint and passes the caller's array addresses to the kernel, which
/// is why datagram buffers must be pinned (see <see cref="OutgoingDatagram"/>).</para>
/// <para>Measured on the project VM (tools/perf/RESULTS.md): per-packet send/recv ≈150–200k datagrams/s,
/// batches of 64 ≈450–530k/s.</para>
/// <para>Thread-safe; see <see cref="IUdpEndpoint"/> for the per-endpoint threading rules.</para>
/// </remarks>
internal sealed class SocketUdpTransport : IUdpTransport
{
    private readonly bool _useLibc;

    /// <summary>Uses the libc batch path on Linux and the managed socket path elsewhere.</summary>
    public SocketUdpTransport()
        : this(forceManagedSockets: false)
    {
    }

    /// <summary>Lets tests exercise the managed fallback on Linux.</summary>
    internal SocketUdpTransport(bool forceManagedSockets)
    {
        _useLibc = OperatingSystem.IsLinux() && !forceManagedSockets;
    }

    /// <summary>"socket-mmsg" (Linux batch path) or "socket" (managed fallback).</summary>
    public string Name => _useLibc ? "socket-mmsg" : "socket";

    /// <inheritdoc/>
    public IUdpEndpoint Open(UdpEndpointOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return _useLibc ? LinuxUdpEndpoint.Open(options) : new ManagedUdpEndpoint(options);
    }
}
