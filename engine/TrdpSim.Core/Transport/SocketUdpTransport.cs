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
    private readonly UdpSegmentation _segmentation;
    private readonly PacketCaptureWatch? _captures;

    /// <summary>Uses the libc batch path on Linux and the managed socket path elsewhere; segments sends while no packet
    /// capture is open (<see cref="UdpSegmentation.WhileUncaptured"/>).</summary>
    public SocketUdpTransport()
        : this(forceManagedSockets: false)
    {
    }

    /// <summary>Lets tests exercise the managed fallback on Linux.</summary>
    internal SocketUdpTransport(bool forceManagedSockets)
        : this(UdpSegmentation.WhileUncaptured, forceManagedSockets: forceManagedSockets)
    {
    }

    /// <summary>Chooses when sends are segmented; <paramref name="captures"/> (default: the process's watch of its
    /// network namespace) decides for <see cref="UdpSegmentation.WhileUncaptured"/>.</summary>
    internal SocketUdpTransport(UdpSegmentation segmentation, PacketCaptureWatch? captures = null, bool forceManagedSockets = false)
    {
        _useLibc = OperatingSystem.IsLinux() && !forceManagedSockets;
        _segmentation = _useLibc ? segmentation : UdpSegmentation.Off;
        _captures = _segmentation == UdpSegmentation.WhileUncaptured ? captures ?? PacketCaptureWatch.Shared : null;
    }

    /// <summary>When sends are segmented (<see cref="UdpSegmentation.Off"/> off Linux).</summary>
    public UdpSegmentation Segmentation => _segmentation;

    /// <summary>The watch that decides for <see cref="UdpSegmentation.WhileUncaptured"/>; null otherwise.</summary>
    public PacketCaptureWatch? Captures => _captures;

    /// <summary>"socket-mmsg" (Linux batch path) or "socket" (managed fallback).</summary>
    public string Name => _useLibc ? "socket-mmsg" : "socket";

    /// <inheritdoc/>
    public IUdpEndpoint Open(UdpEndpointOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return _useLibc ? LinuxUdpEndpoint.Open(options, _segmentation, _captures) : new ManagedUdpEndpoint(options);
    }
}
