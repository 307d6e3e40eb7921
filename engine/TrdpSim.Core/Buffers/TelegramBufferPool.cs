using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.ObjectPool;

namespace TrdpSim.Buffers;

/// <summary>Rents <see cref="TelegramBuffer"/>s, each carrying a block from a <see cref="PinnedBlockPool"/>.</summary>
/// <remarks>
/// <para>The telegram objects live in a <see cref="DefaultObjectPool{T}"/> (reset through
/// <see cref="IResettable"/>); blocks are detached on <see cref="Return"/> and go back to
/// <see cref="Blocks"/>, so a telegram object the object pool drops never leaks a block.</para>
/// <para><b>Ownership:</b> the caller of <see cref="Rent"/> owns the telegram until it calls
/// <see cref="Return"/> exactly once. <see cref="Outstanding"/> counts telegrams not yet returned (0 after a
/// clean shutdown). Thread-safe.</para>
/// </remarks>
internal sealed class TelegramBufferPool
{
    private readonly DefaultObjectPool<TelegramBuffer> _telegrams;
    private long _outstanding;

    /// <summary>Creates a pool.</summary>
    /// <param name="blockSize">Bytes per block. Default 1472 (PD); 65504 for MD.</param>
    /// <param name="maxRetained">Free telegrams and free blocks kept at most. Default 1024.</param>
    public TelegramBufferPool(int blockSize = PinnedBlockPool.ProcessDataBlockSize, int maxRetained = 1024)
        : this(new PinnedBlockPool(blockSize, maxRetained), maxRetained)
    {
    }

    /// <summary>Creates a pool over an existing block pool (shared with receive loops, for example).</summary>
    public TelegramBufferPool(PinnedBlockPool blocks, int maxRetained = 1024)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRetained);
        Blocks = blocks;
        _telegrams = new DefaultObjectPool<TelegramBuffer>(new DefaultPooledObjectPolicy<TelegramBuffer>(), maxRetained);
    }

    /// <summary>The block pool behind the telegrams.</summary>
    public PinnedBlockPool Blocks { get; }

    /// <summary>Telegrams rented and not yet returned.</summary>
    public long Outstanding => Interlocked.Read(ref _outstanding);

    /// <summary>Takes a reset telegram with a block attached (<see cref="TelegramBuffer.Length"/> 0).</summary>
    /// <returns>A telegram the caller owns until it passes it to <see cref="Return"/>.</returns>
    public TelegramBuffer Rent()
    {
        TelegramBuffer telegram = _telegrams.Get();
        telegram.Block = Blocks.Rent();
        Interlocked.Increment(ref _outstanding);
        return telegram;
    }

    /// <summary>Gives a telegram and its block back. The caller must not use either afterwards.</summary>
    public void Return(TelegramBuffer telegram)
    {
        if (telegram is null || telegram.Block.Length == 0)
        {
            ThrowNotRented();
        }

        Blocks.Return(telegram.Block);
        telegram.Block = [];
        Interlocked.Decrement(ref _outstanding);
        _telegrams.Return(telegram);
    }

    [DoesNotReturn]
    private static void ThrowNotRented() =>
        throw new InvalidOperationException("Telegram is null, or was already returned (it has no block).");
}
