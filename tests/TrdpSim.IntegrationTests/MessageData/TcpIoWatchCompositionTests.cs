namespace TrdpSim.IntegrationTests.MessageData;

/// <summary>A run with MD over TCP watches the thread pool its frames arrive on (a stall probe <c>tcp-io</c> of MD
/// receiving); a run without TCP does not, so a busy pool never marks its UDP effects self-inflicted.</summary>
public sealed class TcpIoWatchCompositionTests
{
    [Theory]
    [InlineData(MdProtocol.Tcp, true)]
    [InlineData(MdProtocol.Udp, false)]
    public async Task OnlyARunWithMdOverTcpWatchesTheThreadPool(MdProtocol protocol, bool watched)
    {
        var plan = MdPlans.Pair(out _, out var replier, out _);
        plan.Devices[0].MdCallers.Add(new MdCallerPlan { Name = "ask", ComId = 2201, Destination = replier, Protocol = protocol, Rate = 20 });
        plan.Devices[1].MdRepliers.Add(new MdReplierPlan { Name = "answer", ComId = 2201, Protocol = protocol });
        await using var host = await MdPlans.RunAsync(plan, 300, h => MdPlans.Counters(h, "ask", MdRole.Caller).Ok >= 2);

        var probes = host.Telemetry.Stalls.Probes.Where(p => p.Name == "tcp-io").ToList();
        Assert.Equal(watched ? 1 : 0, probes.Count);
        Assert.All(probes, p => Assert.Equal(StallSources.MdReceive, p.Source));
        Assert.True(MdPlans.Counters(host, "ask", MdRole.Caller).Ok >= 2);
    }
}
