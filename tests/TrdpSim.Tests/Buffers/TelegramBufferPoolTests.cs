using TrdpSim.Tests.Infrastructure;
using TrdpSim.Buffers;
using TrdpSim.Transport;

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
        telegram.Destination = Ip4Endpoint.Parse("239.0.0.1:17224");
        telegram.Source = Ip4Endpoint.Parse("10.0.0.1:1");
        telegram.IntendedSendNanoseconds = 42;
        telegram.TelegramIndex = 7;
        pool.Return(telegram);

        TelegramBuffer again = pool.Rent();
        Assert.Same(telegram, again);
        Assert.Equal(0, again.Length);
        Assert.Equal(default, again.Destination);
        Assert.Equal(default, again.Source);
        Assert.Equal(0, again.IntendedSendNanoseconds);
        Assert.Equal(-1, again.TelegramIndex);
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
    public void ToOutgoingDescribesTheValidBytes()
    {
        var pool = new TelegramBufferPool(64, maxRetained: 1);
        TelegramBuffer telegram = pool.Rent();
        telegram.Length = 12;
        telegram.Destination = Ip4Endpoint.Parse("127.0.0.1:17224");
        OutgoingDatagram datagram = telegram.ToOutgoing();
        Assert.Same(telegram.Block, datagram.Buffer);
        Assert.Equal(0, datagram.Offset);
        Assert.Equal(12, datagram.Length);
        Assert.Equal(telegram.Destination, datagram.Destination);
        pool.Return(telegram);
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
