using TrdpSim.Transport;

namespace TrdpSim.Recording.Pcapng;

/// <summary>Sequence and acknowledgement numbers for recorded TCP segments: per connection and direction, the
/// bytes recorded so far (starting at 1, as after a handshake with initial sequence 0).</summary>
/// <remarks>
/// <para>Writer thread only. One entry per connection direction, kept for the whole recording file.</para>
/// <para>Where both ends of a connection are simulated devices, a recording of both directions holds each
/// segment twice: as its sender sent it and as its receiver took it in. The two copies are numbered apart
/// (the <c>received</c> argument of <see cref="Next"/>), so each copy carries the same numbers and Wireshark sees the second as the
/// repeat it is, not as new bytes.</para>
/// </remarks>
public sealed class TcpStreams
{
    private readonly Dictionary<(Ip4Endpoint From, Ip4Endpoint To, bool Received), uint> _next = [];

    /// <summary>The numbers of the next segment from <paramref name="source"/> to <paramref name="destination"/>
    /// carrying <paramref name="length"/> bytes; counts them.</summary>
    /// <param name="source">The sending end.</param>
    /// <param name="destination">The receiving end.</param>
    /// <param name="length">Bytes in the segment.</param>
    /// <param name="received">Whether this is the receiving end's copy.</param>
    public (uint Sequence, uint Acknowledgement) Next(Ip4Endpoint source, Ip4Endpoint destination, int length, bool received = false)
    {
        var sequence = _next.TryGetValue((source, destination, received), out var s) ? s : 1u;
        // The other direction's bytes as this end saw them; a recording of one direction only has the copy
        // of the other's stream on the same side.
        var acknowledgement = _next.TryGetValue((destination, source, !received), out var a)
            || _next.TryGetValue((destination, source, received), out a) ? a : 1u;
        _next[(source, destination, received)] = unchecked(sequence + (uint)length);
        return (sequence, acknowledgement);
    }

    /// <summary>Forgets every connection (a new file starts its own numbering).</summary>
    public void Clear() => _next.Clear();
}
