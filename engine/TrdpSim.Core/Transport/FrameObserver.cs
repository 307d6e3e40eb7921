namespace TrdpSim.Transport;

/// <summary>Sees every datagram an <see cref="InMemoryUdpTransport"/> accepts, in send order.</summary>
/// <remarks>Runs synchronously on the sending thread, inside <see cref="IUdpEndpoint.Send(ReadOnlySpan{OutgoingDatagram}, Span{bool})"/>, before
/// delivery. <paramref name="payload"/> is only valid during the call: copy or hash it, never keep it.
/// Must not call back into the transport.</remarks>
internal delegate void FrameObserver(Ip4Endpoint source, Ip4Endpoint destination, ReadOnlySpan<byte> payload);
