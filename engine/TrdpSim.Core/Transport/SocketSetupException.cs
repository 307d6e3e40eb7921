using System.Runtime.InteropServices;

namespace TrdpSim.Transport;

/// <summary>A socket could not be created, configured or bound: names the step, the local address and
/// port asked for, and the OS error.</summary>
/// <remarks>Thrown by <see cref="IUdpTransport.Open"/> and the TCP MD server at set-up, never while
/// traffic flows. <see cref="IsConfigurationError"/> tells a problem of the plan on this host (an address
/// the host does not have, a port another socket holds) from a failure of the machine.</remarks>
/// <param name="step">What failed: <c>bind</c>, <c>listen</c>, a socket option such as <c>IP_MULTICAST_IF</c>.</param>
/// <param name="endpoint">The local address and port asked for (port 0: an ephemeral one).</param>
/// <param name="errorNumber">The OS error number (errno on Linux).</param>
/// <param name="detail">What else is known (who holds the port), or null.</param>
internal sealed class SocketSetupException(string step, Ip4Endpoint endpoint, int errorNumber, string? detail = null)
    : IOException(Format(step, endpoint, errorNumber, detail), errorNumber)
{
    /// <summary>EADDRINUSE on Linux.</summary>
    public const int AddressInUse = 98;

    /// <summary>EADDRNOTAVAIL on Linux.</summary>
    public const int AddressNotAvailable = 99;

    /// <summary>What failed: <c>bind</c>, <c>listen</c>, a socket option such as <c>IP_MULTICAST_IF</c>.</summary>
    public string Step { get; } = step;

    /// <summary>The local address and port asked for (port 0: an ephemeral one).</summary>
    public Ip4Endpoint Endpoint { get; } = endpoint;

    /// <summary>The OS error number (errno on Linux).</summary>
    public int ErrorNumber { get; } = errorNumber;

    /// <summary>True when the plan cannot run on this host as it stands: the address is not assigned here
    /// (EADDRNOTAVAIL) or another socket holds the port (EADDRINUSE).</summary>
    public bool IsConfigurationError => ErrorNumber is AddressInUse or AddressNotAvailable;

    private static string Format(string step, Ip4Endpoint endpoint, int errorNumber, string? detail)
    {
        var text = $"{step} failed on {endpoint}: {Marshal.GetPInvokeErrorMessage(errorNumber)} (errno {errorNumber})";
        if (errorNumber == AddressNotAvailable)
        {
            text += $"; {Ip4Endpoint.FormatAddress(endpoint.Address)} is not an address of this host (trdpsim validate lists such addresses)";
        }

        return detail is null ? text : $"{text}; {detail}";
    }
}
