using System.Diagnostics.CodeAnalysis;

namespace TrdpSim.Buffers;

/// <summary>A bounded pool of fixed-size byte arrays allocated on the pinned object heap, so their
/// addresses can go straight to the kernel (sendmmsg/recvmmsg) without pinning per call.</summary>
/// <remarks>
/// <para><b>Ownership:</b> <see cref="Rent"/> hands a block to the caller, who owns it until it calls
/// <see cref="Return"/> exactly once; nobody may touch the block after returning it.</para>
/// <para><b>Bounds:</b> at most <see cref="MaxRetained"/> free blocks are kept. An empty pool allocates a new
/// block (counted in <see cref="Allocated"/>); a return to a full pool drops the block (counted in
/// <see cref="Discarded"/>) for the GC to reclaim. <see cref="Outstanding"/> is rents minus returns: a
/// gauge in production and a leak check in tests (0 after shutdown).</para>
/// <para><b>Threading:</b> all members are thread-safe (a short uncontended lock around the free stack).
/// Debug builds assert on double returns.</para>
/// </remarks>
internal sealed class PinnedBlockPool
{
    /// <summary>Largest PD frame: 40-byte header + 1432 data bytes (trdp-wire.md §1).</summary>
    public const int ProcessDataBlockSize = 1472;

    /// <summary>Largest MD frame over UDP: 116-byte header + 65388 data bytes.</summary>
    public const int MessageDataBlockSize = 65504;

    private readonly byte[]?[] _free;
    private readonly Lock _lock = new();
    private int _freeCount;
    private long _outstanding;
    private long _allocated;
    private long _discarded;
#if DEBUG
    private readonly HashSet<byte[]> _leased = new(ReferenceEqualityComparer.Instance);
#endif

    /// <summary>Creates a pool.</summary>
    /// <param name="blockSize">Bytes per block. Default 1472 (PD); use 65504 for MD.</param>
    /// <param name="maxRetained">Free blocks kept at most. Default 1024.</param>
    /// <param name="preallocate">Blocks allocated now (≤ <paramref name="maxRetained"/>) so the first
    /// bursts do not allocate. Default 0.</param>
    public PinnedBlockPool(int blockSize = ProcessDataBlockSize, int maxRetained = 1024, int preallocate = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(blockSize);
        ArgumentOutOfRangeException.ThrowIfNegative(maxRetained);
        ArgumentOutOfRangeException.ThrowIfNegative(preallocate);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(preallocate, maxRetained);
        BlockSize = blockSize;
        MaxRetained = maxRetained;
        _free = new byte[]?[maxRetained];
        for (int i = 0; i < preallocate; i++)
        {
            _free[i] = GC.AllocateArray<byte>(blockSize, pinned: true);
        }

        _freeCount = preallocate;
        _allocated = preallocate;
    }

    /// <summary>Bytes per block.</summary>
    public int BlockSize { get; }

    /// <summary>Most free blocks kept.</summary>
    public int MaxRetained { get; }

    /// <summary>Blocks rented and not yet returned.</summary>
    public long Outstanding => Interlocked.Read(ref _outstanding);

    /// <summary>Blocks ever allocated (including preallocated ones).</summary>
    public long Allocated => Interlocked.Read(ref _allocated);

    /// <summary>Returned blocks dropped because the pool was already holding <see cref="MaxRetained"/>.</summary>
    public long Discarded => Interlocked.Read(ref _discarded);

    /// <summary>Free blocks currently held.</summary>
    public int Retained => Volatile.Read(ref _freeCount);

    /// <summary>Takes a block of exactly <see cref="BlockSize"/> bytes (contents unspecified).</summary>
    /// <returns>A pinned array the caller owns until it passes it to <see cref="Return"/>.</returns>
    public byte[] Rent()
    {
        byte[]? block = null;
        lock (_lock)
        {
            if (_freeCount > 0)
            {
                int index = --_freeCount;
                block = _free[index];
                _free[index] = null;
            }
#if DEBUG
            if (block is not null)
            {
                _leased.Add(block);
            }
#endif
        }

        Interlocked.Increment(ref _outstanding);
        return block ?? AllocateBlock();
    }

    /// <summary>Gives a block back. The caller must not use it afterwards.</summary>
    /// <exception cref="ArgumentException">The array is not <see cref="BlockSize"/> bytes long (a bug).</exception>
    public void Return(byte[] block)
    {
        if (block is null || block.Length != BlockSize)
        {
            ThrowWrongBlock();
        }

        Interlocked.Decrement(ref _outstanding);
        lock (_lock)
        {
#if DEBUG
            System.Diagnostics.Debug.Assert(_leased.Remove(block), "Block returned twice, or not rented from this pool.");
#endif
            if (_freeCount < _free.Length)
            {
                _free[_freeCount++] = block;
                return;
            }
        }

        Interlocked.Increment(ref _discarded);
    }

    private byte[] AllocateBlock()
    {
        Interlocked.Increment(ref _allocated);
        byte[] block = GC.AllocateArray<byte>(BlockSize, pinned: true);
#if DEBUG
        lock (_lock)
        {
            _leased.Add(block);
        }
#endif
        return block;
    }

    [DoesNotReturn]
    private void ThrowWrongBlock() =>
        throw new ArgumentException($"Only {BlockSize}-byte blocks rented from this pool can be returned.", "block");
}
