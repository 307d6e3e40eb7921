using Microsoft.Extensions.ObjectPool;
using TrdpSim.Transport;

namespace TrdpSim.Buffers;

/// <summary>One telegram in flight: a pinned block plus the metadata that travels with it through the
/// pipeline (receive loop → channel → stage → send).</summary>
/// <remarks>
/// <para><b>Ownership:</b> rented from a <see cref="TelegramBufferPool"/>; exactly one holder at a time; the
/// last holder calls <see cref="TelegramBufferPool.Return"/> (in a <c>finally</c> when it crossed a
/// channel). Never keep a reference or a span over <see cref="Block"/> after returning it.</para>
/// <para>Not thread-safe: ownership hand-over through a channel provides the memory barrier.</para>
/// </remarks>
public sealed class TelegramBuffer : IResettable
{
    /// <summary>The pinned payload block, owned by the pool; empty while the telegram sits in the pool.</summary>
    public byte[] Block { get; internal set; } = [];

    /// <summary>Valid bytes at the start of <see cref="Block"/>.</summary>
    public int Length { get; set; }

    /// <summary>Where the telegram goes (send side).</summary>
    public Ip4Endpoint Destination { get; set; }

    /// <summary>Where the telegram came from (receive side).</summary>
    public Ip4Endpoint Source { get; set; }

    /// <summary>Scheduled send time (monotonic nanoseconds) for send-lateness metrics; 0 if unset.</summary>
    public long IntendedSendNanoseconds { get; set; }

    /// <summary>Index of the telegram definition in the running plan; -1 if unset.</summary>
    public int TelegramIndex { get; set; } = -1;

    /// <summary>The valid bytes.</summary>
    public Span<byte> Span => Block.AsSpan(0, Length);

    /// <summary>The whole block, for encoders that write first and set <see cref="Length"/> afterwards.</summary>
    public Span<byte> Capacity => Block.AsSpan();

    /// <summary>A send descriptor over the valid bytes; the buffer must stay rented until Send returns.</summary>
    public OutgoingDatagram ToOutgoing() => new(Block, 0, Length, Destination);

    /// <summary>Clears the metadata (not the bytes: the next owner overwrites them).</summary>
    /// <returns>Always true: a telegram can always be reused.</returns>
    public bool TryReset()
    {
        Length = 0;
        Destination = default;
        Source = default;
        IntendedSendNanoseconds = 0;
        TelegramIndex = -1;
        return true;
    }
}
