using TrdpSim.Tests.Composition;

namespace TrdpSim.Tests.Devices;

/// <summary>What a subscription records as inter-arrival (jitter): the time from a publisher's previous accepted
/// telegram to its next one, as a measure of that publisher's cycle — not a silence the publisher was entitled to
/// (follower of a redundancy group, trdp-wire.md §7.7; a commanded pause of the run) and not across a restart.</summary>
public sealed class InterArrivalTests
{
    private const uint Leader = 0x7F000002;
    private const uint Partner = 0x7F000003;
    private const long Cycle = 10_000_000;

    private static readonly ControlScope Client = ControlScope.Http("test");

    private static Subscription Subscribe(uint source, uint source2, out TelegramGroup group)
    {
        group = new TelegramGroup("B", "in", TelegramRole.Subscribe, 1000);
        var subscription = new Subscription("in", 1000, group.AddInstance(), group, new SubscriptionFilter(source, source2, 0, 0),
            5 * Cycle, false, Cycle);
        subscription.Start(0);
        return subscription;
    }

    /// <summary>A redundant pair (source and source2): A leads, B takes over (starting at 0), A takes the lead back and,
    /// as a new leader does, restarts at 0 (trdp-wire.md §7.7). Every telegram arrives one cycle after the one before,
    /// so no inter-arrival may be off the cycle. Found: A's first telegram after its return was measured from A's last
    /// one before B led (110 ms, jitter 100 ms), while B's first was rightly not measured at all.</summary>
    [Theory]
    [InlineData(Leader, Partner)]
    [InlineData(0u, 0u)] // any source: the subscription does not know the pair, the returning leader still restarts
    public void ALeaderThatTakesTheLeadBackIsNotMeasuredAcrossTheTimeItFollowed(uint source, uint source2)
    {
        var subscription = Subscribe(source, source2, out var group);
        var now = 0L;
        foreach (var sender in new[] { Leader, Partner, Leader })
        {
            for (uint sequence = 0; sequence < 10; sequence++)
            {
                subscription.Feed(sender, sequence, now += Cycle);
            }
        }

        var jitter = group.Jitter.Refresh();
        Assert.True(jitter.Max < 1_000_000, $"jitter max {jitter.Max} ns spans the time the leader followed");
        Assert.Equal(3 * 9, jitter.Count); // nine intervals of each run of ten telegrams
        Assert.Equal((30L, 0L, 0L), (subscription.Counters.Received, subscription.Counters.Lost, subscription.Counters.Timeouts));
    }

    /// <summary>A pause of the run's traffic is no silence of the publisher: supervision is held (no timeout), and the
    /// first telegram after the resume must not be measured from the last one before the pause either. Found: a 300 ms
    /// pause gave one inter-arrival of about 300 ms, the jitter maximum of the run.</summary>
    [Fact]
    public void TheFirstTelegramAfterAPauseIsNotMeasuredAcrossThePause()
    {
        using var h = new ControlHarness(ControlHarness.TwoDevices());
        h.RunFor(TimeSpan.FromMilliseconds(100));
        Assert.True(h.Apply(h.Control.Pause(Client)).IsApplied);
        h.RunFor(TimeSpan.FromMilliseconds(300));
        Assert.True(h.Apply(h.Control.Resume(Client)).IsApplied);
        h.RunFor(TimeSpan.FromMilliseconds(100));

        var received = h.Received;
        Assert.Equal((0L, 0L), (received.Timeouts, received.Lost));
        Assert.True(received.Received > 15);
        var jitter = h.Group("in").Jitter.Refresh();
        Assert.Equal(received.Received - 2, jitter.Count); // one interval fewer than telegrams on each side of the pause
        Assert.True(jitter.Max < 1_000_000, $"jitter max {jitter.Max} ns spans the pause");
    }

    /// <summary>The same when the first telegram after the resume reaches the receive loop before its next sweep (a
    /// fast publisher, a loop that sweeps every few milliseconds): the resume is taken before the telegram.</summary>
    [Fact]
    public void TheFirstTelegramAfterAPauseIsNotMeasuredAcrossItEvenBeforeTheNextSweep()
    {
        using var h = new ControlHarness(ControlHarness.TwoDevices());
        h.RunFor(TimeSpan.FromMilliseconds(100));
        var gate = h.Run.Traffic;
        Assert.True(gate.Pause());
        h.RunFor(TimeSpan.FromMilliseconds(300));
        var before = h.Group("in").Jitter.Refresh().Count;
        Assert.True(gate.Resume(h.Now));

        // The publisher's next counter, straight into B's dispatcher: no sweep between the resume and it.
        var frame = new byte[PdFrame.MaxFrameSize];
        var header = new PdHeader
        {
            SequenceCounter = (uint)h.Sent.Sent, ProtocolVersion = PdFrame.CurrentProtocolVersion, MessageType = TrdpMessageType.Pd, ComId = 1000,
        };
        var length = PdFrame.Encode(frame, header, new byte[8]);
        h.Run.Devices[1].Unicast.Dispatch(frame.AsSpan(0, length), false, new Ip4Endpoint(ControlHarness.PublisherAddress, 40000), h.Now);

        Assert.Equal((0L, 0L), (h.Received.Lost, h.Received.Timeouts));
        Assert.Equal(h.Sent.Sent + 1, h.Received.Received);
        Assert.Equal(before, h.Group("in").Jitter.Refresh().Count);
    }
}
