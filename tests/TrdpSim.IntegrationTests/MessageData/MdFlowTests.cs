namespace TrdpSim.IntegrationTests.MessageData;

/// <summary>Caller and replier on loopback for every MD flow (UDP).</summary>
public sealed class MdFlowTests
{
    [Fact]
    public async Task RequestReplyCompletesEveryTransaction()
    {
        var plan = MdPlans.Pair(out _, out var replier, out _);
        plan.Devices[0].MdCallers.Add(new MdCallerPlan { Name = "ask", ComId = 2001, Destination = replier, Rate = 200, ReplyTimeout = TimeSpan.FromMilliseconds(500), PayloadLength = 13 });
        plan.Devices[1].MdRepliers.Add(new MdReplierPlan { Name = "answer", ComId = 2001, PayloadLength = 17, Delay = "constant:1ms" });
        await using var host = await MdPlans.RunAsync(plan, 700, h => MdPlans.Counters(h, "ask", MdRole.Caller).Ok >= 100);

        var caller = MdPlans.Counters(host, "ask", MdRole.Caller);
        var replies = MdPlans.Counters(host, "answer", MdRole.Replier);
        Assert.True(caller.Ok >= 100, $"calls {caller.Calls}, ok {caller.Ok}");
        // Every call that ended, ended with its reply; the rest were still open when the run stopped (a loaded machine
        // holds a few for tens of milliseconds), and no more than 100 ms of calls at 200/s were.
        Assert.Equal(caller.Calls, caller.Ok + caller.Outstanding);
        Assert.InRange(caller.Outstanding, 0, 20);
        Assert.Equal(0, caller.Timeouts + caller.Retries + caller.ErrorNoReplier);
        Assert.InRange(replies.Requests, caller.Ok, caller.Calls); // every answered call's request, and not more
        var delay = MdPlans.Group(host, "answer", MdRole.Replier).Latency.Refresh();
        Assert.InRange(delay.P50, 1_000_000, 5_000_000); // 1 ms configured, never early; slack for a loaded machine
        Assert.Equal(0, host.Telemetry.EngineErrors);
    }

    [Fact]
    public async Task ReplyWithConfirmIsConfirmed()
    {
        var plan = MdPlans.Pair(out _, out var replier, out _);
        plan.Devices[0].MdCallers.Add(new MdCallerPlan { Name = "ask", ComId = 2002, Destination = replier, Rate = 100, ReplyTimeout = TimeSpan.FromMilliseconds(500) });
        plan.Devices[1].MdRepliers.Add(new MdReplierPlan { Name = "answer", ComId = 2002, Reply = MdReplyKind.ReplyWithConfirm, ReplyComId = 2012 });
        await using var host = await MdPlans.RunAsync(plan, 600, h => MdPlans.Counters(h, "ask", MdRole.Caller).Ok >= 40);

        var caller = MdPlans.Counters(host, "ask", MdRole.Caller);
        var replies = MdPlans.Counters(host, "answer", MdRole.Replier);
        Assert.True(caller.Ok >= 40, $"ok {caller.Ok}");
        Assert.Equal(caller.Ok, caller.ConfirmsSent);
        Assert.InRange(replies.ConfirmsReceived, caller.ConfirmsSent - 10, caller.ConfirmsSent); // in flight at stop
        Assert.Equal(0, replies.ConfirmTimeouts);
    }

    [Fact]
    public async Task NotificationsReachTheListenerWithoutReply()
    {
        var plan = MdPlans.Pair(out _, out var replier, out _);
        plan.Devices[0].MdCallers.Add(new MdCallerPlan { Name = "tell", ComId = 2003, Kind = MdCallKind.Notify, Destination = replier, Rate = 100 });
        plan.Devices[1].MdRepliers.Add(new MdReplierPlan { Name = "log", ComId = 2003 });
        await using var host = await MdPlans.RunAsync(plan, 500, h => MdPlans.Counters(h, "tell", MdRole.Caller).Calls >= 40);

        var caller = MdPlans.Counters(host, "tell", MdRole.Caller);
        var listener = MdPlans.Counters(host, "log", MdRole.Replier);
        Assert.True(caller.Calls >= 40, $"calls {caller.Calls}");
        Assert.InRange(listener.Notifications, caller.Calls - 10, caller.Calls); // the last ones may be in flight at stop
        Assert.Equal(0, listener.Replies);
        Assert.Equal(0, caller.Outstanding);
    }

    [Fact]
    public async Task RequestWithoutListenerGetsMeMinus3()
    {
        var plan = MdPlans.Pair(out _, out var replier, out _);
        plan.Devices[0].MdCallers.Add(new MdCallerPlan { Name = "ask", ComId = 4000, Destination = replier, Rate = 50, ReplyTimeout = TimeSpan.FromMilliseconds(300) });
        plan.Devices[1].MdRepliers.Add(new MdReplierPlan { Name = "other", ComId = 4001 });
        await using var host = await MdPlans.RunAsync(plan, 500, h => MdPlans.Counters(h, "ask", MdRole.Caller).ErrorNoReplier >= 15);

        var caller = MdPlans.Counters(host, "ask", MdRole.Caller);
        Assert.True(caller.ErrorNoReplier >= 15, $"Me -3: {caller.ErrorNoReplier}");
        Assert.Equal(0, caller.Timeouts + caller.Retries);
    }

    [Fact]
    public async Task SilentReplierMakesTheCallerRetryTwiceThenTimeOut()
    {
        var plan = MdPlans.Pair(out _, out var replier, out _);
        plan.Devices[0].MdCallers.Add(new MdCallerPlan { Name = "ask", ComId = 2004, Destination = replier, Rate = 20, Count = 5, ReplyTimeout = TimeSpan.FromMilliseconds(100) });
        plan.Devices[1].MdRepliers.Add(new MdReplierPlan { Name = "mute", ComId = 2004, NoReplyProbability = 1 });
        await using var host = await MdPlans.RunAsync(plan, 900, h => MdPlans.Counters(h, "ask", MdRole.Caller).Timeouts == 5);

        var caller = MdPlans.Counters(host, "ask", MdRole.Caller);
        var replies = MdPlans.Counters(host, "mute", MdRole.Replier);
        Assert.Equal(5, caller.Calls);
        Assert.Equal(10, caller.Retries);          // 2 retries per request (TCNopen default)
        Assert.Equal(5, caller.Timeouts);
        Assert.Equal(5, replies.Requests);         // retries carry the same session: one session each
        Assert.Equal(10, replies.Duplicates);      // ... discarded while the reply is pending
        Assert.Equal(0, caller.Outstanding);
    }

    [Fact]
    public async Task FullSessionTableAnswersMeMinus4()
    {
        var plan = MdPlans.Pair(out _, out var replier, out _);
        plan.Network.MdMaxSessions = 5;
        plan.Devices[0].MdCallers.Add(new MdCallerPlan { Name = "ask", ComId = 2005, Destination = replier, Rate = 200, ReplyTimeout = TimeSpan.FromSeconds(2), Retries = 0 });
        plan.Devices[1].MdRepliers.Add(new MdReplierPlan { Name = "slow", ComId = 2005, Delay = "constant:1s" });
        await using var host = await MdPlans.RunAsync(plan, 400, h => MdPlans.Counters(h, "ask", MdRole.Caller).ErrorNoMemory >= 30);

        var caller = MdPlans.Counters(host, "ask", MdRole.Caller);
        Assert.True(caller.ErrorNoMemory >= 30, $"Me -4: {caller.ErrorNoMemory}");
        Assert.InRange(MdPlans.Counters(host, "slow", MdRole.Replier).Outstanding, 0, 5); // never more sessions than the table holds
    }

    [Fact]
    public async Task LateRepliesArriveAfterTheCallerGaveUp()
    {
        var plan = MdPlans.Pair(out _, out var replier, out _);
        plan.Devices[0].MdCallers.Add(new MdCallerPlan { Name = "ask", ComId = 2006, Destination = replier, Rate = 20, Count = 4, ReplyTimeout = TimeSpan.FromMilliseconds(50), Retries = 0 });
        plan.Devices[1].MdRepliers.Add(new MdReplierPlan { Name = "late", ComId = 2006, LateReplyProbability = 1 });
        await using var host = await MdPlans.RunAsync(plan, 600, h => MdPlans.Counters(h, "late", MdRole.Replier).LateReplies == 4 && h.Telemetry.MdUnmatched >= 4);

        var caller = MdPlans.Counters(host, "ask", MdRole.Caller);
        var replies = MdPlans.Counters(host, "late", MdRole.Replier);
        Assert.Equal(4, caller.Timeouts);
        Assert.Equal(4, replies.LateReplies);
        Assert.True(host.Telemetry.MdUnmatched >= 4, "late replies reach a closed session and are dropped");
    }
}
