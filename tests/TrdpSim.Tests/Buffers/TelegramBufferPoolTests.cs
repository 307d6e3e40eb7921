using TrdpSim.Tests.Infrastructure;
using TrdpSim.Buffers;

namespace TrdpSim.Tests.Buffers;

public class TelegramBufferPoolTests
{
    [Fact]
    public void RentAttachesABlockAndReturnGivesItBack()
    {
        var pool = new TelegramBufferPool(blockSize: 256, maxRetained: 4);
        TelegramBuffer telegram = pool.Rent();
        Assert.Equal(256, telegram.Block.Length);
        Assert.Equal(1, pool.Outstanding);
        Assert.Equal(1, pool.Blocks.Outstanding);
        pool.Return(telegram);
        Assert.Equal(0, pool.Outstanding);
        Assert.Equal(0, pool.Blocks.Outstanding);
    }

    [Fact]
    public void ReturnedTelegramsComeBackReset()
    {
        var pool = new TelegramBufferPool(64, maxRetained: 1);
        TelegramBuffer telegram = pool.Rent();
        telegram.Length = 10;
        pool.Return(telegram);

        TelegramBuffer again = pool.Rent();
        Assert.Same(telegram, again);
        Assert.Equal(0, again.Length);
        pool.Return(again);
    }

    [Fact]
    public void DoubleReturnThrows()
    {
        var pool = new TelegramBufferPool(64, maxRetained: 4);
        TelegramBuffer telegram = pool.Rent();
        pool.Return(telegram);
        Assert.Throws<InvalidOperationException>(() => pool.Return(telegram));
        Assert.Equal(0, pool.Outstanding);
    }

    [Fact]
    public void SurplusTelegramsDoNotLeakBlocks()
    {
        var pool = new TelegramBufferPool(64, maxRetained: 2);
        var rented = new TelegramBuffer[6];
        for (int i = 0; i < rented.Length; i++)
        {
            rented[i] = pool.Rent();
        }

        foreach (TelegramBuffer telegram in rented)
        {
            pool.Return(telegram);
        }

        Assert.Equal(0, pool.Outstanding);
        Assert.Equal(0, pool.Blocks.Outstanding);
        Assert.Equal(2, pool.Blocks.Retained);
    }

    [Fact]
    public void RentReturnAllocatesNothingOnceWarm()
    {
        var pool = new TelegramBufferPool(64, maxRetained: 4);
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
