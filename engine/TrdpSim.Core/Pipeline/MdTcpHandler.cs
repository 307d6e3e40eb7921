using TrdpSim.Protocol;
using TrdpSim.Scheduling;
using TrdpSim.Transport.Tcp;

namespace TrdpSim.Pipeline;

/// <summary>Feeds frames from a station's TCP server and client connections into the MD inbox, and connects that
/// failed to <paramref name="connectFailures"/>.</summary>
/// <remarks>Runs on the TCP I/O threads: copies and posts, nothing else; sessions stay on the wheel thread. The
/// tap (a recording; null when nothing listens) sees each frame the stream framer cut, with its receive time.</remarks>
internal sealed class MdTcpHandler(WheelInbox inbox, IInboundFrameHandler handler, IFrameTap? tap = null, IInboundFrameHandler? connectFailures = null)
    : ITcpMdHandler
{
    public void OnFrame(TcpMdConnection connection, ReadOnlySpan<byte> frame, in MdHeader header, long receivedNanoseconds)
    {
        tap?.OnFrame(frame, connection.RemoteEndpoint, connection.LocalEndpoint, receivedNanoseconds);
        inbox.Post(frame, connection.RemoteEndpoint, receivedNanoseconds, FrameArrival.Tcp, handler, connection);
    }

    public void OnConnectionClosed(TcpMdConnection connection, TcpCloseReason reason)
    {
        // A connect that failed dropped the requests queued on it unsent: the station ends their calls as send failures.
        // It hears of it on the wheel thread, through the inbox, as an empty post that names the connection. Calls on a
        // connection that was up end by their own timers (the device may have had their requests).
        if (connectFailures is not null && reason is TcpCloseReason.ConnectFailed or TcpCloseReason.ConnectTimeout)
        {
            inbox.Post(ReadOnlySpan<byte>.Empty, connection.RemoteEndpoint, MonotonicClock.NowNanoseconds(), FrameArrival.Tcp, connectFailures, connection);
        }
    }
}
