using TrdpSim.Transport;

namespace TrdpSim.Composition;

/// <summary>A device's socket could not be opened: names the device, the socket, its address and port and
/// the OS error.</summary>
/// <remarks>Thrown by <see cref="RunBuilder.Build"/> (and so by <c>RunHost.Create</c>) after the sockets
/// opened before it are closed again.</remarks>
internal sealed class DeviceSocketException : IOException
{
    public DeviceSocketException(string device, string socket, Ip4Endpoint endpoint, Exception inner)
        : base(Format(device, socket, endpoint, inner), inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        Device = device;
        Socket = socket;
        Endpoint = endpoint;
        ErrorNumber = inner is SocketSetupException setup ? setup.ErrorNumber : 0;
        IsConfigurationError = inner is SocketSetupException { IsConfigurationError: true };
    }

    /// <summary>The device's name.</summary>
    public string Device { get; }

    /// <summary>What the socket is for (<c>pd-receive</c>, <c>md-service</c>, … as in <see cref="Telemetry.DeviceUdpSocket"/>;
    /// <c>md-tcp-server</c> for the TCP MD listener).</summary>
    public string Socket { get; }

    /// <summary>The local address and port asked for (port 0: an ephemeral one).</summary>
    public Ip4Endpoint Endpoint { get; }

    /// <summary>The OS error number (errno on Linux); 0 when not known.</summary>
    public int ErrorNumber { get; }

    /// <summary>True when the plan cannot run on this host as it stands (address not assigned here, port held
    /// by another socket): a configuration error, not a failure of the machine.</summary>
    public bool IsConfigurationError { get; }

    private static string Format(string device, string socket, Ip4Endpoint endpoint, Exception inner) =>
        inner is SocketSetupException
            ? $"device '{device}', {socket} socket: {inner.Message}"
            : $"device '{device}', {socket} socket on {endpoint}: {inner.Message}";
}
