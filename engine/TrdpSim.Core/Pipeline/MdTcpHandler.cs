using TrdpSim.Protocol;
using TrdpSim.Transport.Tcp;

namespace TrdpSim.Pipeline;

/// <summary>Feeds frames from a station's TCP server and client connections into the MD inbox.</summary>
/// <remarks>Runs on the TCP I/O threads: copies and posts, nothing else; sessions stay on the wheel thread. The
/// tap (a recording; null when nothing listens) sees each frame the stream framer cut, with its receive time.</remarks>
internal sealed class MdTcpHandler(WheelInbox inbox, IInboundFrameHandler handler, IFrameTap? tap = null) : ITcpMdHandler
{
    public void OnFrame(TcpMdConnection connection, ReadOnlySpan<byte> frame, in MdHeader header, long receivedNanoseconds)
    {
        tap?.OnFrame(frame, connection.RemoteEndpoint, connection.LocalEndpoint, receivedNanoseconds);
        inbox.Post(frame, connection.RemoteEndpoint, receivedNanoseconds, FrameArrival.Tcp, handler, connection);
    }

    public void OnConnectionClosed(TcpMdConnection connection, TcpCloseReason reason)
    {
        // Nothing to do: sessions waiting on this connection end by their own timers.
    }
}
