using TrdpSim.Plan;
using TrdpSim.Telemetry;

namespace TrdpSim.IntegrationTests.MessageData;

/// <summary>Caller and replier on loopback over TCP: one connection, reused; answers on the same connection.</summary>
public sealed class MdTcpFlowTests
{
    [Fact]
    public async Task RequestReplyAndConfirmRunOverOneReusedConnection()
    {
        var plan = MdPlans.Pair(out _, out var replier, out _);
        plan.Devices[0].MdCallers.Add(new MdCallerPlan { Name = "ask", ComId = 2101, Protocol = MdProtocol.Tcp, Destination = replier, Rate = 100, ReplyTimeout = TimeSpan.FromMilliseconds(500) });
        plan.Devices[0].MdCallers.Add(new MdCallerPlan { Name = "confirm", ComId = 2102, Protocol = MdProtocol.Tcp, Destination = replier, Rate = 50, ReplyTimeout = TimeSpan.FromMilliseconds(500) });
        plan.Devices[1].MdRepliers.Add(new MdReplierPlan { Name = "answer", ComId = 2101, Protocol = MdProtocol.Tcp, PayloadLength = 100, Delay = "constant:1ms" });
        plan.Devices[1].MdRepliers.Add(new MdReplierPlan { Name = "answer-confirm", ComId = 2102, Protocol = MdProtocol.Tcp, Reply = MdReplyKind.ReplyWithConfirm });
        await using var host = await MdPlans.RunAsync(plan, 600,
            h => MdPlans.Counters(h, "ask", MdRole.Caller).Ok >= 40 && MdPlans.Counters(h, "answer-confirm", MdRole.Replier).ConfirmsReceived >= 20);

        var ask = MdPlans.Counters(host, "ask", MdRole.Caller);
        var confirm = MdPlans.Counters(host, "confirm", MdRole.Caller);
        Assert.True(ask.Ok >= 40, $"ok {ask.Ok} of {ask.Calls}");
        Assert.Equal(0, ask.Retries); // no retransmissions on TCP
        var confirmed = MdPlans.Counters(host, "answer-confirm", MdRole.Replier).ConfirmsReceived;
        Assert.True(confirmed >= 20, $"confirmations received {confirmed}");
        Assert.True(confirm.ConfirmsSent >= confirmed, $"sent {confirm.ConfirmsSent}, received {confirmed}"); // the last ones may be in flight at stop
        var station = host.Run.MdStations[1];
        Assert.Equal(1, station.TcpServer!.Stats.Accepted); // both callers share the caller device's connection
    }

    [Fact]
    public async Task TcpRequestWithoutTcpListenerGetsMeOnTheConnection()
    {
        var plan = MdPlans.Pair(out _, out var replier, out _);
        plan.Devices[0].MdCallers.Add(new MdCallerPlan { Name = "ask", ComId = 2103, Protocol = MdProtocol.Tcp, Destination = replier, Rate = 50, ReplyTimeout = TimeSpan.FromMilliseconds(500) });
        plan.Devices[1].MdRepliers.Add(new MdReplierPlan { Name = "tcp-other", ComId = 2199, Protocol = MdProtocol.Tcp });
        plan.Devices[1].MdRepliers.Add(new MdReplierPlan { Name = "udp-only", ComId = 2103 }); // TCP requests never match UDP listeners
        await using var host = await MdPlans.RunAsync(plan, 500, h => MdPlans.Counters(h, "ask", MdRole.Caller).ErrorNoReplier >= 10);

        var ask = MdPlans.Counters(host, "ask", MdRole.Caller);
        Assert.True(ask.ErrorNoReplier >= 10, $"Me -3: {ask.ErrorNoReplier}");
        Assert.Equal(0, MdPlans.Counters(host, "udp-only", MdRole.Replier).Requests);
    }

    [Fact]
    public async Task SilentTcpReplierTimesOutWithoutRetries()
    {
        var plan = MdPlans.Pair(out _, out var replier, out _);
        plan.Devices[0].MdCallers.Add(new MdCallerPlan { Name = "ask", ComId = 2104, Protocol = MdProtocol.Tcp, Destination = replier, Rate = 20, Count = 4, ReplyTimeout = TimeSpan.FromMilliseconds(100) });
        plan.Devices[1].MdRepliers.Add(new MdReplierPlan { Name = "mute", ComId = 2104, Protocol = MdProtocol.Tcp, NoReplyProbability = 1 });
        await using var host = await MdPlans.RunAsync(plan, 500, h => MdPlans.Counters(h, "ask", MdRole.Caller).Timeouts == 4);

        var ask = MdPlans.Counters(host, "ask", MdRole.Caller);
        Assert.Equal(4, ask.Timeouts);
        Assert.Equal(0, ask.Retries); // TCNopen never retransmits over TCP
        Assert.Equal(4, MdPlans.Counters(host, "mute", MdRole.Replier).NoReplies);
    }
}
