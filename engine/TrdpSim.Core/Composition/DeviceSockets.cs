using System.Net.Sockets;
using TrdpSim.Telemetry;
using TrdpSim.Transport;

namespace TrdpSim.Composition;

/// <summary>Opens one device's UDP sockets with the run's receive buffer size: a failure names the device and the
/// socket (<see cref="DeviceSocketException"/>), and every socket is registered with the run's telemetry.</summary>
internal sealed class DeviceSockets(IUdpTransport transport, string device, RunTelemetry telemetry, int receiveBufferBytes)
{
    public const string PdSend = "pd-send";
    public const string PdReceive = "pd-receive";
    public const string PdReply = "pd-reply";
    public const string PdMulticast = "pd-multicast";
    public const string MdService = "md-service";
    public const string MdCaller = "md-caller";
    public const string MdError = "md-error";
    public const string MdMulticast = "md-multicast";
    public const string MdOtherPort = "md-other-port";
    public const string MdTcpServer = "md-tcp-server";

    /// <summary>Opens the socket <paramref name="socket"/> (one of the constants) with <paramref name="options"/>.</summary>
    /// <exception cref="DeviceSocketException">The transport could not open it.</exception>
    public IUdpEndpoint Open(string socket, UdpEndpointOptions options)
    {
        IUdpEndpoint endpoint;
        options.ReceiveBufferBytes = receiveBufferBytes;
        try
        {
            endpoint = transport.Open(options);
        }
        catch (IOException e)
        {
            throw new DeviceSocketException(device, socket, new Ip4Endpoint(options.BindAddress, options.Port), e);
        }

        telemetry.AddUdpSocket(new DeviceUdpSocket(device, socket, endpoint.LocalEndpoint, options.ConnectTo, endpoint.Stats));
        return endpoint;
    }

    /// <summary>Runs <paramref name="open"/> (a TCP listener's constructor), naming the device in its failure.</summary>
    public T OpenTcp<T>(Ip4Endpoint endpoint, Func<T> open)
    {
        try
        {
            return open();
        }
        catch (Exception e) when (e is IOException or SocketException)
        {
            throw new DeviceSocketException(device, MdTcpServer, endpoint, e);
        }
    }
}
