using TrdpSim.Transport;
using TrdpSim.Transport.Tcp;

namespace TrdpSim.Pipeline;

/// <summary>Where one frame goes: a UDP destination; or back on a TCP connection; or over the outlet's TCP
/// client pool to <see cref="Destination"/>; optionally from the outlet's alternate socket (a reply from the
/// wrong port).</summary>
internal readonly record struct FrameRoute(Ip4Endpoint Destination, TcpMdConnection? Connection = null, bool AlternatePort = false, bool TcpClient = false);
