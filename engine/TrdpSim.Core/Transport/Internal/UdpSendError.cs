namespace TrdpSim.Transport.Internal;

/// <summary>Why the stack refused a datagram; selects the counter in <see cref="UdpEndpointStats"/>.</summary>
internal enum UdpSendError
{
    WouldBlock,
    ConnectionRefused,
    Unreachable,
    MessageTooLong,
    Other,
}
