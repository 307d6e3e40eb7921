using TrdpSim.Pipeline;
using TrdpSim.Transport;

namespace TrdpSim.Devices;

/// <summary>One PD receive socket of a device and the dispatcher its loop feeds, with the bus interface the socket
/// belongs to, so that every telegram is attributed to the interface it arrived on.</summary>
/// <remarks>A multi-homed device has a receive socket (and loop thread) per interface, all feeding the device's one
/// dispatcher: its subscriptions hold sequence and path state that must see one frame at a time, so the sockets
/// of one device share a <paramref name="gate"/> around every dispatch and sweep. A single-homed device has no
/// gate (null) and pays nothing.</remarks>
/// <param name="endpoint">The receive socket.</param>
/// <param name="dispatcher">The device's dispatcher.</param>
/// <param name="face">The interface the socket is bound to (0 = the device's address).</param>
/// <param name="gate">Shared by the receivers of one dispatcher when there are several; null otherwise.</param>
internal sealed class PdReceiver(IUdpEndpoint endpoint, PdDispatcher dispatcher, int face, Lock? gate) : IPdDatagramHandler
{
    public IUdpEndpoint Endpoint { get; } = endpoint;

    public PdDispatcher Dispatcher { get; } = dispatcher;

    /// <summary>The bus interface the socket belongs to: 0 = a, 1 = b, …</summary>
    public int Face { get; } = face;

    public void Deconstruct(out IUdpEndpoint endpoint, out PdDispatcher dispatcher) => (endpoint, dispatcher) = (Endpoint, Dispatcher);

    public void Dispatch(ReadOnlySpan<byte> datagram, bool truncated, Ip4Endpoint source, long now)
    {
        if (gate is null)
        {
            Dispatcher.Dispatch(datagram, truncated, source, now, Face);
            return;
        }

        lock (gate)
        {
            Dispatcher.Dispatch(datagram, truncated, source, now, Face);
        }
    }

    public void Sweep(long now)
    {
        if (gate is null)
        {
            Dispatcher.Sweep(now);
            return;
        }

        lock (gate)
        {
            Dispatcher.Sweep(now);
        }
    }
}
