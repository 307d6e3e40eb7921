using TrdpSim.Tests.Infrastructure;
using TrdpSim.Buffers;

namespace TrdpSim.Tests.Buffers;

public class PinnedBlockPoolTests
{
    [Fact]
    public void RentReturnsBlocksOfBlockSizeOnThePinnedHeap()
    {
        var pool = new PinnedBlockPool(blockSize: 1472, maxRetained: 4);
        byte[] block = pool.Rent();
        Assert.Equal(1472, block.Length);
        // Pinned-object-heap arrays report the oldest generation.
        Assert.Equal(GC.MaxGeneration, GC.GetGeneration(block));
        pool.Return(block);
    }

    [Fact]
    public void OutstandingCountsLeasesUntilReturned()
    {
        var pool = new PinnedBlockPool(64, maxRetained: 8);
        byte[] a = pool.Rent();
        byte[] b = pool.Rent();
        Assert.Equal(2, pool.Outstanding);
        pool.Return(a);
        Assert.Equal(1, pool.Outstanding);
        pool.Return(b);
        Assert.Equal(0, pool.Outstanding);
    }

    [Fact]
    public void ReturnedBlocksAreReusedWithoutAllocating()
    {
        var pool = new PinnedBlockPool(64, maxRetained: 2);
        byte[] a = pool.Rent();
        pool.Return(a);
        Assert.Same(a, pool.Rent());
        Assert.Equal(1, pool.Allocated);
    }

    [Fact]
    public void RetentionIsBoundedAndSurplusIsDropped()
    {
        var pool = new PinnedBlockPool(64, maxRetained: 2);
        var rented = new byte[5][];
        for (int i = 0; i < rented.Length; i++)
        {
            rented[i] = pool.Rent();
        }

        Assert.Equal(5, pool.Allocated);
        foreach (byte[] block in rented)
        {
            pool.Return(block);
        }

        Assert.Equal(2, pool.Retained);
        Assert.Equal(3, pool.Discarded);
        Assert.Equal(0, pool.Outstanding);
    }

    [Fact]
    public void PreallocatedBlocksServeFirstRents()
    {
        var pool = new PinnedBlockPool(64, maxRetained: 4, preallocate: 4);
        Assert.Equal(4, pool.Retained);
        for (int i = 0; i < 4; i++)
        {
            pool.Rent();
        }

        Assert.Equal(4, pool.Allocated);
        pool.Rent();
        Assert.Equal(5, pool.Allocated);
    }

    [Fact]
    public void ReturningAForeignSizedArrayThrows()
    {
        var pool = new PinnedBlockPool(64, maxRetained: 4);
        Assert.Throws<ArgumentException>(() => pool.Return(new byte[65]));
    }

    [Fact]
    public void RentAndReturnAllocateNothingOnceWarm()
    {
        var pool = new PinnedBlockPool(64, maxRetained: 4, preallocate: 4);
        long allocated = SteadyAllocation.Fewest(() =>
        {
            for (int i = 0; i < 10_000; i++)
            {
                pool.Return(pool.Rent());
            }
        });
        Assert.True(allocated == 0, $"allocated {allocated} bytes");
    }
}
