using TrdpSim.Pipeline;

namespace TrdpSim.Devices.Md;

/// <summary>Brings a TCP connect that failed to the station on the wheel thread, where its calls live: the TCP handler
/// posts it through the wheel inbox as an empty frame that names the connection.</summary>
internal sealed class ConnectFailureNotice(MdStation station) : IInboundFrameHandler
{
    public void Handle(InboundFrame frame, long nowNanoseconds)
    {
        if (frame.Connection is { } connection)
        {
            station.OnConnectFailed(connection);
        }
    }
}
