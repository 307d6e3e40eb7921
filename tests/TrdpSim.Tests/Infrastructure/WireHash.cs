using System.IO.Hashing;

namespace TrdpSim.Tests.Infrastructure;

/// <summary>One hash over every frame the in-memory network carries, with its route (source, destination,
/// length): two runs put the same bytes on the same routes in the same order exactly when the hashes agree.</summary>
internal sealed class WireHash
{
    private readonly XxHash64 _hash = new();

    public long Frames { get; private set; }

    public ulong Value => _hash.GetCurrentHashAsUInt64();

    /// <summary>The observer to give the in-memory transport.</summary>
    public void Observe(Ip4Endpoint source, Ip4Endpoint destination, ReadOnlySpan<byte> payload)
    {
        Span<byte> route = stackalloc byte[12];
        BitConverter.TryWriteBytes(route, source.Address);
        BitConverter.TryWriteBytes(route[4..], destination.Address);
        BitConverter.TryWriteBytes(route[8..], payload.Length);
        _hash.Append(route);
        _hash.Append(payload);
        Frames++;
    }
}
