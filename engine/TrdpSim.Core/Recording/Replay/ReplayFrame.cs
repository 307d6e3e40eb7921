using TrdpSim.Transport;

namespace TrdpSim.Recording.Replay;

/// <summary>One TRDP datagram of a capture, ready to send: where its bytes are in the capture's buffer, when it was
/// captured, and from and to where (after mapping).</summary>
/// <param name="Number">The capture's frame number.</param>
/// <param name="Time">Capture time (ns since 1970).</param>
/// <param name="Offset">First byte in <see cref="ReplayCapture.Buffer"/>.</param>
/// <param name="Length">Bytes.</param>
/// <param name="Source">Sender (the replaying socket binds its address).</param>
/// <param name="Destination">Receiver.</param>
/// <param name="Tos">IPv4 TOS as captured (the socket's QoS is its top three bits).</param>
/// <param name="Ttl">IPv4 TTL as captured.</param>
public readonly record struct ReplayFrame(int Number, long Time, int Offset, int Length, Ip4Endpoint Source, Ip4Endpoint Destination, byte Tos, byte Ttl);
