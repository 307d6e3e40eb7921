using TrdpSim.Transport;

namespace TrdpSim.Recording.Pcapng;

/// <summary>Sequence and acknowledgement numbers for recorded TCP segments: per connection and direction, the
/// bytes recorded so far (starting at 1, as after a handshake with initial sequence 0).</summary>
/// <remarks>Writer thread only. One entry per connection direction, kept for the whole recording file.</remarks>
public sealed class TcpStreams
{
    private readonly Dictionary<(Ip4Endpoint From, Ip4Endpoint To), uint> _next = [];

    /// <summary>The numbers of the next segment from <paramref name="source"/> to <paramref name="destination"/>
    /// carrying <paramref name="length"/> bytes; counts them.</summary>
    public (uint Sequence, uint Acknowledgement) Next(Ip4Endpoint source, Ip4Endpoint destination, int length)
    {
        var sequence = _next.TryGetValue((source, destination), out var s) ? s : 1u;
        var acknowledgement = _next.TryGetValue((destination, source), out var a) ? a : 1u;
        _next[(source, destination)] = unchecked(sequence + (uint)length);
        return (sequence, acknowledgement);
    }

    /// <summary>Forgets every connection (a new file starts its own numbering).</summary>
    public void Clear() => _next.Clear();
}
