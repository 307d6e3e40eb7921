namespace TrdpSim.IntegrationTests.MessageData;

/// <summary>The replier's confirmation rules (trdp-wire.md §8.4–8.5), driven by a plain-socket caller
/// that confirms only when the test says so.</summary>
public sealed class ReplierConfirmTests
{
    [Fact]
    public async Task UnconfirmedMqTimesOutAndARetryWhilePendingGetsTheMqAgain()
    {
        var plan = MdPlans.Pair(out var callerAddress, out var replier, out var mdPort);
        plan.Devices[1].MdRepliers.Add(new MdReplierPlan
        {
            Name = "confirm", ComId = 1001, Reply = MdReplyKind.ReplyWithConfirm, ConfirmTimeout = TimeSpan.FromMilliseconds(300),
        });
        await using var host = RunHost.Create(plan, new RunHostOptions());
        await host.StartAsync();

        using var caller = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 2000 };
        caller.Bind(new IPEndPoint(new IPAddress(BinaryPrimitives.ReverseEndianness(callerAddress)), 0));
        var target = new IPEndPoint(new IPAddress(BinaryPrimitives.ReverseEndianness(replier)), mdPort);
        var frame = new byte[1024];
        var reply = new byte[1024];
        var request = new MdHeader { MessageType = TrdpMessageType.Mr, ComId = 1001, ReplyTimeoutMicros = 1_000_000, SessionId = SessionId.FromBytes(Enumerable.Repeat((byte)0x22, 16).ToArray()) };

        caller.SendTo(frame.AsSpan(0, MdFrame.Encode(frame, request, new byte[3])), SocketFlags.None, target);
        Assert.Equal(FrameCheck.Ok, MdFrame.TryDecode(reply.AsSpan(0, caller.Receive(reply)), out var mq));
        Assert.Equal(TrdpMessageType.Mq, mq.MessageType);
        Assert.Equal(0u, mq.SequenceCounter);

        // md-confirm-checks.pcap frames 6–7: the same session re-sent with seq 1 while the Mc is pending → Mq again, seq 1.
        request.SequenceCounter = 1;
        caller.SendTo(frame.AsSpan(0, MdFrame.Encode(frame, request, new byte[3])), SocketFlags.None, target);
        Assert.Equal(FrameCheck.Ok, MdFrame.TryDecode(reply.AsSpan(0, caller.Receive(reply)), out var again));
        Assert.Equal(TrdpMessageType.Mq, again.MessageType);
        Assert.Equal(1u, again.SequenceCounter);
        Assert.Equal(mq.SessionId, again.SessionId);

        // No Mc at all: the replier's confirm timeout closes the session.
        await Task.Delay(600);
        await host.StopAsync();
        var counters = MdPlans.Counters(host, "confirm", MdRole.Replier);
        Assert.Equal(1, counters.Requests);
        Assert.Equal(1, counters.RepliesRepeated);
        Assert.Equal(1, counters.ConfirmTimeouts);
        Assert.Equal(0, counters.ConfirmsReceived);
        Assert.Equal(0, counters.Outstanding);
    }

    [Fact]
    public async Task MulticastRequestCollectsRepliesFromEveryGroupMember()
    {
        var plan = MdPlans.Pair(out var callerAddress, out var replier, out _);
        var group = 0xEF020000u | (callerAddress & 0xFF00) | 9;
        plan.Devices[0].MdCallers.Add(new MdCallerPlan
        {
            Name = "ask-all", ComId = 2301, Destination = group, ExpectedReplies = 0, Rate = 10, ReplyTimeout = TimeSpan.FromMilliseconds(150),
        });
        plan.Devices[1].MdRepliers.Add(new MdReplierPlan { Name = "member-1", ComId = 2301, Group = group });
        var second = new DevicePlan { Name = "replier-2", Address = replier + 1 };
        second.MdRepliers.Add(new MdReplierPlan { Name = "member-2", ComId = 2301, Group = group });
        plan.Devices.Add(second);
        await using var host = await MdPlans.RunAsync(plan, 700, h => MdPlans.Counters(h, "ask-all", MdRole.Caller).Ok >= 4);

        var caller = MdPlans.Counters(host, "ask-all", MdRole.Caller);
        Assert.True(caller.Ok >= 4, $"ok {caller.Ok}");       // unknown number expected: whatever came by the timeout
        Assert.Equal(0, caller.Retries);                      // no retries for multicast
        var replies = MdPlans.Group(host, "ask-all", MdRole.Caller).Latency.Refresh().Count;
        Assert.True(replies >= 2 * caller.Ok, $"{replies} replies for {caller.Ok} requests");
        Assert.True(MdPlans.Counters(host, "member-1", MdRole.Replier).Replies >= 4);
        Assert.True(MdPlans.Counters(host, "member-2", MdRole.Replier).Replies >= 4);
    }
}
