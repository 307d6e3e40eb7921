using TrdpSim.Transport;
using TrdpSim.Transport.Tcp;

namespace TrdpSim.Pipeline;

/// <summary>Where one frame goes: a UDP destination; or back on a TCP connection; or over the outlet's TCP
/// client pool to <see cref="Destination"/>; optionally from the outlet's alternate socket (a reply from the
/// wrong port); from the socket of the device's bus interface <see cref="Face"/> when the outlet has one there (a
/// multi-homed device's reply leaves on the interface its request arrived on; 0 = the outlet's own port); heard by
/// <see cref="Owner"/> instead of the outlet's owner when one is given (an MD request's own session, so a request
/// the socket refused ends that call and no other).</summary>
internal readonly record struct FrameRoute(Ip4Endpoint Destination, TcpMdConnection? Connection = null, bool AlternatePort = false, bool TcpClient = false,
    int Face = 0, ISentFrameOwner? Owner = null);
