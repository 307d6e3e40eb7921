using TrdpSim.Transport;

namespace TrdpSim.Telemetry;

/// <summary>One UDP socket of a device, with its live counters: what the summary and <c>/metrics</c> report per socket.</summary>
/// <param name="Device">The device's name.</param>
/// <param name="Socket">What the socket is for: <c>pd-send</c>, <c>pd-receive</c>, <c>pd-reply</c>, <c>pd-multicast</c>,
/// <c>md-service</c>, <c>md-caller</c>, <c>md-error</c>, <c>md-multicast</c> or <c>md-other-port</c>.</param>
/// <param name="Local">The bound address and port.</param>
/// <param name="Peer">The peer a send socket is connected to, or null.</param>
/// <param name="Stats">The endpoint's counters (written by its I/O threads, read here).</param>
public sealed record DeviceUdpSocket(string Device, string Socket, Ip4Endpoint Local, Ip4Endpoint? Peer, UdpEndpointStats Stats);

/// <summary>A socket worth a line in the summary: one whose sends met an ICMP error or failed.</summary>
/// <param name="Socket">The socket.</param>
/// <param name="IcmpRefused">Send calls refused by a pending ICMP error and sent again (<see cref="UdpEndpointStats.IcmpRefused"/>).</param>
/// <param name="SendErrors">Datagrams the socket did not send (<see cref="UdpEndpointStats.SendErrors"/>).</param>
/// <param name="LastSendError">The errno of the latest send failure, 0 if none.</param>
internal sealed record UdpSocketRow(DeviceUdpSocket Socket, long IcmpRefused, long SendErrors, int LastSendError);
