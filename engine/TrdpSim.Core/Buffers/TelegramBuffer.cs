using Microsoft.Extensions.ObjectPool;

namespace TrdpSim.Buffers;

/// <summary>One frame in flight: a pinned block and the number of valid bytes in it (a frame copy held by
/// the fault stage, a delayed or duplicated frame on its way to the send batch).</summary>
/// <remarks>
/// <para><b>Ownership:</b> rented from a <see cref="TelegramBufferPool"/>; exactly one holder at a time; the
/// last holder calls <see cref="TelegramBufferPool.Return"/>. Never keep a reference or a span over <see cref="Block"/> after returning it.</para>
/// <para>Not thread-safe: a buffer lives on one thread (the wheel's) from rent to return.</para>
/// </remarks>
internal sealed class TelegramBuffer : IResettable
{
    /// <summary>The pinned payload block, owned by the pool; empty while the telegram sits in the pool.</summary>
    public byte[] Block { get; internal set; } = [];

    /// <summary>Valid bytes at the start of <see cref="Block"/>.</summary>
    public int Length { get; set; }

    /// <summary>The valid bytes.</summary>
    public Span<byte> Span => Block.AsSpan(0, Length);

    /// <summary>The whole block, for encoders that write first and set <see cref="Length"/> afterwards.</summary>
    public Span<byte> Capacity => Block.AsSpan();

    /// <summary>Clears the length (not the bytes: the next owner overwrites them).</summary>
    /// <returns>Always true: a telegram can always be reused.</returns>
    public bool TryReset()
    {
        Length = 0;
        return true;
    }
}
