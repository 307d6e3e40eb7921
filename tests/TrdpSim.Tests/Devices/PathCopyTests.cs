namespace TrdpSim.Tests.Devices;

/// <summary>A multi-homed source sends each telegram over each of its interfaces with one counter: the subscriber
/// takes the first copy of a counter and counts the others as redundant copies of their path, and it counts per path
/// the counters that path skipped. These are the same telegrams as the subscription's, so a path may not count
/// what the subscription's own rules call no loss (trdp-wire.md §7.2: 0 is always accepted, a restart is not
/// loss; a jump further than the time permits is no loss either).</summary>
public sealed class PathCopyTests
{
    private const uint PathA = 0x7F000002;
    private const uint PathB = 0x7F000012;
    private const long Cycle = 10_000_000;
    private const long Skew = 200_000; // path b's copy arrives 0.2 ms after path a's

    private static Subscription Subscribe(out PathFigures[] paths, out TelegramGroup group)
    {
        group = new TelegramGroup("B", "in", TelegramRole.Subscribe, 1000);
        paths = [new PathFigures("a"), new PathFigures("b")];
        group.Paths = paths;
        var filter = new SubscriptionFilter(PathA, 0, 0, 0) { Paths = [PathA, PathB], Arrivals = 1 };
        var subscription = new Subscription("in", 1000, group.AddInstance(), group, filter, 5 * Cycle, false, Cycle);
        subscription.Start(0);
        return subscription;
    }

    /// <summary>Found: the sequence rule accepts 0 whatever came before, so path b's copy of counter 0 (at the start
    /// and after every restart) was taken as a second telegram: received twice, and one jitter sample of the path
    /// skew (about one cycle off) per 0.</summary>
    [Fact]
    public void AnotherPathsCopyOfCounterZeroIsRedundantNotASecondTelegram()
    {
        var subscription = Subscribe(out var paths, out var group);
        var now = 0L;
        for (var life = 0; life < 2; life++) // the publisher restarts at 0 after ten telegrams, without a silence
        {
            for (uint sequence = 0; sequence < 10; sequence++)
            {
                now += Cycle;
                subscription.Feed(PathA, sequence, now);
                subscription.Feed(PathB, sequence, now + Skew);
            }
        }

        var c = subscription.Counters;
        Assert.Equal((20L, 1L, 0L, 0L, 0L), (c.Received, c.Restarts, c.Duplicates, c.OutOfOrder, c.Lost));
        Assert.Equal((20L, 20L), (paths[0].Received, paths[1].Received));
        Assert.Equal((0L, 20L), (paths[0].Redundant, paths[1].Redundant));
        var jitter = group.Jitter.Refresh();
        Assert.Equal(2 * 9, jitter.Count); // nine intervals in each life; a restart's first telegram follows nothing
        Assert.True(jitter.Max < 1_000_000, $"jitter max {jitter.Max} ns: a copy was measured as a telegram");
    }

    /// <summary>Found: a jump of the counter by a million (the subscription: one jump, no loss) was a million lost
    /// counters on each path. A path's real gap is still its loss.</summary>
    [Fact]
    public void AJumpOfTheCounterIsNoLossOnAPathWhileAPathsGapStillIs()
    {
        var subscription = Subscribe(out var paths, out _);
        var now = 0L;
        void Both(uint sequence, bool onB = true)
        {
            now += Cycle;
            subscription.Feed(PathA, sequence, now);
            if (onB)
            {
                subscription.Feed(PathB, sequence, now + Skew);
            }
        }

        for (uint sequence = 0; sequence < 10; sequence++)
        {
            Both(sequence);
        }

        for (uint sequence = 1_000_010; sequence < 1_000_020; sequence++)
        {
            Both(sequence, onB: sequence is < 1_000_013 or > 1_000_015); // path b skips three counters
        }

        var c = subscription.Counters;
        Assert.Equal((1L, 0L, 20L), (c.SequenceJumps, c.Lost, c.Received));
        Assert.Equal((0L, 3L), (paths[0].Lost, paths[1].Lost));
    }
}
