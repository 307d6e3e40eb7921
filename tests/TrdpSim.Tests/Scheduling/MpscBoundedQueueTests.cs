using TrdpSim.Scheduling.Internal;

namespace TrdpSim.Tests.Scheduling;

public sealed class MpscBoundedQueueTests
{
    [Fact]
    public void QueueIsFifoAndBounded()
    {
        var queue = new MpscBoundedQueue<string>(3); // rounded up to 4
        Assert.Equal(4, queue.Capacity);
        for (int i = 0; i < 4; i++)
        {
            Assert.True(queue.TryEnqueue(i.ToString()));
        }

        Assert.False(queue.TryEnqueue("full"));
        Assert.True(queue.TryDequeue(out string? first));
        Assert.Equal("0", first);
        Assert.True(queue.TryEnqueue("4"));
        for (int i = 1; i <= 4; i++)
        {
            Assert.True(queue.TryDequeue(out string? item));
            Assert.Equal(i.ToString(), item);
        }

        Assert.False(queue.TryDequeue(out _));
    }

    [Fact]
    public void ValueItemsAreCopiedInAndOutInOrderAndAFullRingRefuses()
    {
        // The event bus posts RunEvent values through the same ring: items stored inline in the slots.
        var queue = new MpscBoundedQueue<(long Number, string Text)>(2);
        Assert.True(queue.TryEnqueue((1, "one")));
        Assert.True(queue.TryEnqueue((2, "two")));
        Assert.False(queue.TryEnqueue((3, "three")));
        Assert.True(queue.TryDequeue(out var first));
        Assert.Equal((1L, "one"), first);
        Assert.True(queue.TryEnqueue((3, "three")));
        Assert.True(queue.TryDequeue(out var second));
        Assert.Equal((2L, "two"), second);
        Assert.True(queue.TryDequeue(out var third));
        Assert.Equal((3L, "three"), third);
        Assert.False(queue.TryDequeue(out var none));
        Assert.Equal(default((long, string)), none);
    }

    [Fact]
    public async Task ConcurrentProducersDeliverEveryItemOnceInPerProducerOrder()
    {
        const int producers = 3;
        const int perProducer = 20_000;
        var queue = new MpscBoundedQueue<Item>(64);
        var items = new Item[producers][];
        for (int p = 0; p < producers; p++)
        {
            items[p] = new Item[perProducer];
            for (int i = 0; i < perProducer; i++)
            {
                items[p][i] = new Item(p, i);
            }
        }

        Task[] tasks = new Task[producers];
        for (int p = 0; p < producers; p++)
        {
            Item[] mine = items[p];
            tasks[p] = Task.Factory.StartNew(
                () =>
                {
                    foreach (Item item in mine)
                    {
                        var spinner = default(SpinWait);
                        while (!queue.TryEnqueue(item))
                        {
                            spinner.SpinOnce(); // full: wait for the consumer
                        }
                    }
                },
                TaskCreationOptions.LongRunning);
        }

        int[] next = new int[producers];
        int received = 0;
        var consumerSpinner = default(SpinWait);
        while (received < producers * perProducer)
        {
            if (queue.TryDequeue(out Item? item))
            {
                Assert.Equal(next[item!.Producer], item.Sequence);
                next[item.Producer]++;
                received++;
            }
            else
            {
                consumerSpinner.SpinOnce();
            }
        }

        await Task.WhenAll(tasks);
        Assert.False(queue.TryDequeue(out _));
        Assert.All(next, n => Assert.Equal(perProducer, n));
    }

    private sealed record Item(int Producer, int Sequence);
}
