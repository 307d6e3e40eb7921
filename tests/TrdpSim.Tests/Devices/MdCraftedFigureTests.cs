using static TrdpSim.Tests.Devices.CraftedMdRig;

namespace TrdpSim.Tests.Devices;

/// <summary>Caller and replier figures against trdp-wire.md §8 with crafted peers: the test plays the other side frame
/// by frame and chooses every receive time (<see cref="CraftedMdRig"/>).</summary>
public sealed class MdCraftedFigureTests
{
    private const uint Caller = 0x0A000202;
    private const uint Replier = 0x0A000203;
    private const uint Group = 0xEF000203;
    private static readonly Ip4Endpoint ReplierPort = new(Replier, 17225);
    private static readonly Ip4Endpoint CallerService = new(Caller, 17225);

    /// <summary>Device A calls B (absent from the plan: the test answers) once, reply timeout 100 ms.</summary>
    private static CraftedMdRig CallerRig()
    {
        var rig = new CraftedMdRig(OneCallPlan("md-crafted", Caller, Replier));
        rig.StartCallersAt(1);
        rig.WheelWakesAt(1);
        return rig;
    }

    /// <summary>Device B with one replier listening on a multicast group.</summary>
    private static CraftedMdRig GroupReplierRig(MdReplyKind reply, string delay, int maxSessions = 1000)
    {
        var plan = new RunPlan { Name = "md-crafted-group" };
        plan.Network.MdMaxSessions = maxSessions;
        var b = new DevicePlan { Name = "B", Address = Replier };
        b.MdRepliers.Add(new MdReplierPlan { Name = "member", ComId = 7200, Group = Group, Reply = reply, Delay = delay });
        plan.Devices.Add(b);
        return new CraftedMdRig(plan);
    }

    private static MdHeader Reply(in MdHeader request, uint sequence) => new()
    {
        MessageType = TrdpMessageType.Mp, ComId = request.ComId, SequenceCounter = sequence, SessionId = request.SessionId,
    };

    private static MdHeader GroupRequest(byte id, uint sequence = 0) => new()
    {
        MessageType = TrdpMessageType.Mr, ComId = 7200, SequenceCounter = sequence, ReplyTimeoutMicros = 1_000_000,
        SessionId = SessionId.FromBytes(Enumerable.Repeat(id, 16).ToArray()),
    };

    [Fact]
    public void AReplyToARetryIsTimedFromTheRetryItAnswers()
    {
        // trdp-wire.md §4/§8.5: the retry is the same request with sequence counter + 1, and a reply copies the
        // sequence counter of the request it answers. The reply carrying 1 answers the retry sent at 101 ms.
        using var rig = CallerRig();
        var request = Assert.Single(rig.SentOf(TrdpMessageType.Mr));
        rig.WheelWakesAt(101);
        var retry = rig.SentOf(TrdpMessageType.Mr)[1];
        Assert.Equal(1u, retry.SequenceCounter);
        Assert.Equal(request.SessionId, retry.SessionId);

        rig.Deliver("A", Reply(retry, 1), ReplierPort, receivedMs: 106);

        var ask = rig.Counters("ask");
        Assert.Equal(1, ask.Ok);
        Assert.Equal(1, ask.Retries);
        var rtt = rig.Group("ask").Latency.Refresh();
        Assert.Equal(1, rtt.Count);
        Assert.InRange(rtt.Max, Ms(4.9), Ms(5.1)); // not 105 ms: that is the first transmission's, which got no answer
    }

    [Fact]
    public void AReplyWhoseSequenceCounterNoTransmissionCarriedCountsButGivesNoRoundTrip()
    {
        // trdp-wire.md §8.7: the reply's session is open, so it is the session's reply; but §4: a reply copies the
        // counter of the request it answers, and no transmission carried 3 (only 0 left yet): there is no request
        // to time it from.
        using var rig = CallerRig();
        var request = Assert.Single(rig.SentOf(TrdpMessageType.Mr));

        rig.Deliver("A", Reply(request, 3), ReplierPort, receivedMs: 6);

        Assert.Equal(1, rig.Counters("ask").Ok);
        Assert.Equal(0, rig.Group("ask").Latency.Refresh().Count);
    }

    [Fact]
    public void AReplyAfterTheFirstTimeoutIsStillMatchedWhileARetryIsDueEvenWhenTheWheelWakesLate()
    {
        // trdp-wire.md §8.5: at the reply timeout the session is not over while retries are left, the request is
        // sent again and the timer restarted; §8.7 drops only replies whose session is no longer open. A reply that
        // arrived at 120 ms (first deadline 101 ms, last 301 ms) answers the open session, however late the wheel.
        using var rig = CallerRig();
        var request = Assert.Single(rig.SentOf(TrdpMessageType.Mr));

        rig.Deliver("A", Reply(request, 0), ReplierPort, receivedMs: 120);
        rig.WheelWakesAt(125);

        var ask = rig.Counters("ask");
        Assert.Equal(1, ask.Ok);
        Assert.Equal(0, ask.Timeouts);
        Assert.Equal(0, rig.Run.Telemetry.MdUnmatched);
        var rtt = rig.Group("ask").Latency.Refresh();
        Assert.Equal(1, rtt.Count);
        Assert.InRange(rtt.Max, Ms(118.9), Ms(119.1));
    }

    [Fact]
    public void EveryReplyQueuedBeforeTheTimeoutsIsMatchedEvenWhenTheBacklogIsLong()
    {
        // trdp-wire.md §8.3/§8.7: a reply that arrived while its session was open is the session's. 5,000 replies
        // arrived at 50 ms, all before their timeouts (101–106 ms), while the wheel slept until 200 ms: the wake-up
        // must hand every one of them to its session before it fires the timeouts, not only the first few thousand.
        const int Count = 5000;
        var plan = new RunPlan { Name = "md-crafted-backlog" };
        var a = new DevicePlan { Name = "A", Address = Caller };
        a.MdCallers.Add(new MdCallerPlan
        {
            Name = "ask", ComId = 7100, Destination = Replier, Rate = 1_000_000, Count = Count, MaxOutstanding = Count, Retries = 0,
            ReplyTimeout = TimeSpan.FromMilliseconds(100),
        });
        plan.Devices.Add(a);
        using var rig = new CraftedMdRig(plan);
        rig.StartCallersAt(1);
        rig.WheelWakesAt(6);
        var requests = rig.SentOf(TrdpMessageType.Mr);
        Assert.Equal(Count, requests.Count);

        var frame = new byte[MdFrame.MaxFrameSize];
        foreach (var request in requests)
        {
            var length = MdFrame.Encode(frame, Reply(request, 0), []);
            Assert.True(rig.Run.WheelInbox.Post(frame.AsSpan(0, length), ReplierPort, rig.Start + Ms(50), FrameArrival.CallerPort, rig.Station("A")));
        }

        rig.WheelWakesAt(200);

        var ask = rig.Counters("ask");
        Assert.Equal(Count, ask.Ok);
        Assert.Equal(0, ask.Timeouts);
        Assert.Equal(0, rig.Run.Telemetry.MdUnmatched);
    }

    [Fact]
    public void AGroupRequestBeyondTheSessionLimitGetsNoMe()
    {
        // trdp-wire.md §8.6: no 'Me' for multicast; §8.8's -4 answers unicast requests only. §8.7: the request beyond
        // the limit is dropped, and counted at the replier.
        using var rig = GroupReplierRig(MdReplyKind.Reply, "constant:50ms", maxSessions: 1);
        rig.Deliver("B", GroupRequest(0x31), CallerService with { Port = 40000 }, receivedMs: 0, FrameArrival.Group);
        rig.Deliver("B", GroupRequest(0x32), CallerService with { Port = 40001 }, receivedMs: 1, FrameArrival.Group);

        Assert.Empty(rig.SentOf(TrdpMessageType.Me));
        var member = rig.Counters("member");
        Assert.Equal(1, member.Requests);
        Assert.Equal(0, member.ErrorsSent);
        Assert.Equal(1, member.SessionLimitDrops);
    }

    [Fact]
    public void ARepeatedGroupRequestWhileTheConfirmationIsPendingIsDiscarded()
    {
        // trdp-wire.md §8.5: a request of a still open replier session is discarded when it came by multicast; only a
        // UDP unicast repeat gets the pending 'Mq' again.
        using var rig = GroupReplierRig(MdReplyKind.ReplyWithConfirm, "constant:0");
        var caller = CallerService with { Port = 40000 };
        rig.Deliver("B", GroupRequest(0x41), caller, receivedMs: 0, FrameArrival.Group);
        rig.WheelWakesAt(1);
        Assert.Single(rig.SentOf(TrdpMessageType.Mq));

        rig.Deliver("B", GroupRequest(0x41, sequence: 1), caller, receivedMs: 2, FrameArrival.Group);

        Assert.Single(rig.SentOf(TrdpMessageType.Mq));
        var member = rig.Counters("member");
        Assert.Equal(0, member.RepliesRepeated);
        Assert.Equal(1, member.Duplicates);
    }
}
