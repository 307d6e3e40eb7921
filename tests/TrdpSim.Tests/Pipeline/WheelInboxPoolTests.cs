using TrdpSim.Tests.Infrastructure;

namespace TrdpSim.Tests.Pipeline;

/// <summary>The wheel inbox's frame pool follows its backlog down again: the frames of a host stall's backlog are let go
/// once it has drained, and a steady run keeps its frames and allocates nothing.</summary>
public sealed class WheelInboxPoolTests
{
    private const long Second = 1_000_000_000;
    private static readonly byte[] Datagram = new byte[200];

    [Fact]
    public void TheFramesOfADrainedBacklogAreLetGoAfterAWhile()
    {
        var inbox = new WheelInbox(new RunTelemetry("inbox"));
        var handler = new KeepingHandler();
        long now = Second;
        inbox.Drain(now); // the wheel's first wake-up

        // A stall: 5,000 requests arrive while the wheel does not run; then it drains them all.
        for (int i = 0; i < 5_000; i++)
        {
            Assert.True(inbox.Post(Datagram, default, now, FrameArrival.ServicePort, handler));
        }

        while (inbox.Drain(now += 1_000_000) > 0)
        {
        }

        Assert.Equal(5_000, handler.Frames.Count);
        Assert.Equal(5_000, inbox.SmallFrames.Retained); // kept for a while: another stall may follow

        // Half a minute of quiet wake-ups, a few requests each.
        for (int tick = 0; tick < 30_000; tick++)
        {
            now += 1_000_000;
            inbox.Post(Datagram, default, now, FrameArrival.ServicePort, NoHandler.Instance);
            inbox.Drain(now);
        }

        Assert.Equal(WheelInbox.SmallFloor, inbox.SmallFrames.Retained);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        int alive = handler.Frames.Count(frame => frame.TryGetTarget(out _));
        Assert.True(alive <= WheelInbox.SmallFloor, $"{alive} of the backlog's 5,000 frames are still held");

        // The next stall is carried as the first was.
        for (int i = 0; i < 3_000; i++)
        {
            Assert.True(inbox.Post(Datagram, default, now, FrameArrival.ServicePort, NoHandler.Instance));
        }

        Assert.Equal(3_000, inbox.Drain(now += 1_000_000));
    }

    [Fact]
    public void ASteadyBacklogKeepsItsFramesAndAllocatesNothing()
    {
        var inbox = new WheelInbox(new RunTelemetry("inbox"));
        long now = Second;

        // 100 requests per 10 ms wake-up (10,000/s) for 20 s a round: far below the floor, never trimmed.
        void Round()
        {
            for (int tick = 0; tick < 2_000; tick++)
            {
                now += 10_000_000;
                for (int i = 0; i < 100; i++)
                {
                    inbox.Post(Datagram, default, now, FrameArrival.ServicePort, NoHandler.Instance);
                }

                inbox.Drain(now);
            }
        }

        Assert.Equal(0, SteadyAllocation.Fewest(Round));
        Assert.Equal(100, inbox.SmallFrames.Retained);
        Assert.Equal(0, inbox.SmallFrames.Lent);
    }

    [Fact]
    public void ABacklogThatComesBackEveryFewSecondsKeepsItsFrames()
    {
        var inbox = new WheelInbox(new RunTelemetry("inbox"));
        long now = Second;
        inbox.Drain(now);

        // 1,000 frames every 3 s: each interval has a backlog of 1,000, so the pool keeps them (no churn).
        for (int burst = 0; burst < 10; burst++)
        {
            for (int i = 0; i < 1_000; i++)
            {
                inbox.Post(Datagram, default, now, FrameArrival.ServicePort, NoHandler.Instance);
            }

            inbox.Drain(now += 1_000_000);
            inbox.Drain(now += 3 * Second);
        }

        Assert.Equal(1_000, inbox.SmallFrames.Retained);
    }

    /// <summary>Remembers (weakly) every frame it handled.</summary>
    private sealed class KeepingHandler : IInboundFrameHandler
    {
        public List<WeakReference<InboundFrame>> Frames { get; } = [];

        public void Handle(InboundFrame frame, long nowNanoseconds) => Frames.Add(new WeakReference<InboundFrame>(frame));
    }

    private sealed class NoHandler : IInboundFrameHandler
    {
        public static readonly NoHandler Instance = new();

        public void Handle(InboundFrame frame, long nowNanoseconds)
        {
        }
    }
}
