using TrdpSim.Transport;

namespace TrdpSim.Pipeline;

/// <summary>What a PD receive loop feeds: validation and dispatch of each datagram, and the periodic timeout
/// sweep, both on the loop's own thread (a device's PD dispatcher).</summary>
internal interface IPdDatagramHandler
{
    /// <summary>Handles one received datagram (<paramref name="truncated"/>: longer than the loop's slot).</summary>
    void Dispatch(ReadOnlySpan<byte> datagram, bool truncated, Ip4Endpoint source, long now);

    /// <summary>Checks supervision deadlines (called every few milliseconds, also when the socket is silent).</summary>
    void Sweep(long now);
}
