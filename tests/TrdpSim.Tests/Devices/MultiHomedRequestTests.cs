using TrdpSim.Tests.Faults;
using TrdpSim.Tests.Faults.Md;

namespace TrdpSim.Tests.Devices;

/// <summary>A multi-homed device's own requests leave from the interface their item is scoped to: a pull's 'Pr' (its
/// 'Pp' asked back to that interface's address), a statistics poll's 'Pr' (likewise), an MD caller's 'Mr' and the 'Mc'
/// of an 'Mq' that arrived there; without a scope they leave from the first interface, as before.</summary>
public sealed class MultiHomedRequestTests
{
    private const uint SecondPullInterface = 0x0A000212; // A's second address in the pull plan, 10.0.2.18
    private const uint SecondCallerInterface = 0x0A000112; // A's second address in the MD plan, 10.0.1.18

    /// <summary>Keeps (source, destination) of every PD frame of <paramref name="type"/>.</summary>
    private static FrameObserver CollectPd(List<(uint Source, uint Destination)> frames, TrdpMessageType type) => (source, destination, payload) =>
    {
        if (PdFrame.TryDecode(payload, out var header) == FrameCheck.Ok && header.MessageType == type)
        {
            frames.Add((source.Address, destination.Address));
        }
    };

    private static RunPlan MultiHomedPuller(params string[] scope)
    {
        var plan = PullPlans.PullOnlyResponder(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(50));
        plan.Devices[0].Interfaces.AddRange([FaultHarness.PublisherAddress, SecondPullInterface]);
        plan.Devices[0].PullRequests[0].InterfaceScope.AddRange(scope);
        return plan;
    }

    [Theory]
    [InlineData(FaultHarness.PublisherAddress)]
    [InlineData(SecondPullInterface, "b")]
    public void APullLeavesFromItsInterfaceAndItsReplyComesBackThere(uint from, params string[] scope)
    {
        var requests = new List<(uint Source, uint Destination)>();
        using var h = new FaultHarness(MultiHomedPuller(scope), CollectPd(requests, TrdpMessageType.Pr));
        h.RunFor(TimeSpan.FromMilliseconds(350));

        Assert.Equal(4, requests.Count);
        Assert.All(requests, r => Assert.Equal((from, FaultHarness.SubscriberAddress), r));
        var pulls = h.Run.Telemetry.Groups.Single(g => g.Device == "A" && g.Name == "ask").Totals();
        Assert.Equal((4L, 4L), (pulls.PullRequests, pulls.PullReplies));
    }

    [Fact]
    public void APullReplyIsAskedToTheAddressOfTheInterfaceThePullLeavesFrom()
    {
        var replies = new List<(uint Source, uint Destination)>();
        using var h = new FaultHarness(MultiHomedPuller("b"), CollectPd(replies, TrdpMessageType.Pp));
        h.RunFor(TimeSpan.FromMilliseconds(350));

        Assert.Equal(4, replies.Count);
        Assert.All(replies, r => Assert.Equal((FaultHarness.SubscriberAddress, SecondPullInterface), r));
    }

    private static RunPlan MultiHomedPoller(params string[] scope)
    {
        var plan = MultiHomedPuller();
        plan.Devices[0].PullRequests.Clear();
        var poll = new StatisticsPollPlan
        {
            Name = "dut", Target = FaultHarness.SubscriberAddress, Interval = TimeSpan.FromMilliseconds(100), Timeout = TimeSpan.FromMilliseconds(50),
        };
        poll.InterfaceScope.AddRange(scope);
        plan.Devices[0].StatisticsPolls.Add(poll);
        return plan;
    }

    /// <summary>trdp-wire.md §7.8: the statistics 'Pr' names the requester's address as replyIpAddress and the DUT sends
    /// its 'Pp' there, so a poll scoped to interface b leaves from b's address and is answered on b.</summary>
    [Theory]
    [InlineData(FaultHarness.PublisherAddress)]
    [InlineData(SecondPullInterface, "b")]
    public void AStatisticsPollLeavesFromItsInterfaceAndItsReplyComesBackThere(uint from, params string[] scope)
    {
        var requests = new List<(uint Source, uint Destination)>();
        var replies = new List<(uint Source, uint Destination)>();
        FrameObserver pr = CollectPd(requests, TrdpMessageType.Pr), pp = CollectPd(replies, TrdpMessageType.Pp);
        using var h = new FaultHarness(MultiHomedPoller(scope), (source, destination, payload) =>
        {
            pr(source, destination, payload);
            pp(source, destination, payload);
        });
        h.RunFor(TimeSpan.FromMilliseconds(350));

        Assert.Equal(4, requests.Count);
        Assert.All(requests, r => Assert.Equal((from, FaultHarness.SubscriberAddress), r));
        Assert.Equal(4, replies.Count);
        Assert.All(replies, r => Assert.Equal((FaultHarness.SubscriberAddress, from), r));
        var polls = h.Run.Telemetry.Groups.Single(g => g.Device == "A" && g.Name == "dut");
        Assert.Equal(scope.Length == 0 ? "a" : "b", h.Run.Outlets.Outlets.Single(o => o.Device == "A" && o.Name == "dut").Interface);
        Assert.Equal((4L, 4L), (polls.Totals().PullRequests, polls.Totals().PullReplies));
        Assert.Equal(4, h.Run.Telemetry.DutStatistics.Single(s => s.Poll == "dut").Replies);
    }

    /// <summary>A network that keeps the source of every MD frame of <paramref name="type"/>.</summary>
    private static InMemoryUdpTransport CollectMd(List<Ip4Endpoint> sources, TrdpMessageType type) => new(queueCapacity: 8192)
    {
        Observer = (source, _, payload) =>
        {
            if (MdFrame.TryDecode(payload, out var header) == FrameCheck.Ok && header.MessageType == type)
            {
                sources.Add(source);
            }
        },
    };

    private static RunPlan MultiHomedCaller(bool confirm, params string[] scope)
    {
        var plan = MdFaultRig.Plan(count: 5, confirm: confirm);
        plan.Devices[0].Interfaces.AddRange([MdFaultRig.CallerAddress, SecondCallerInterface]);
        plan.Devices[0].MdCallers[0].InterfaceScope.AddRange(scope);
        return plan;
    }

    [Theory]
    [InlineData(MdFaultRig.CallerAddress)]
    [InlineData(SecondCallerInterface, "b")]
    public void AnMdRequestLeavesFromItsInterfaceAndIsAnsweredThere(uint from, params string[] scope)
    {
        var requests = new List<Ip4Endpoint>();
        using var rig = MdFaultRig.Create(MultiHomedCaller(false, scope), CollectMd(requests, TrdpMessageType.Mr));
        rig.StartCallers();
        Assert.True(rig.RunUntil(() => rig.Caller.Ok >= 5), $"ok {rig.Caller.Ok}");

        Assert.Equal(5, requests.Count);
        Assert.All(requests, r => Assert.Equal(from, r.Address));
        Assert.Equal((0L, 0L), (rig.Caller.Timeouts, rig.Caller.Retries));
    }

    [Fact]
    public void AnMqThatArrivedOnTheSecondInterfaceIsConfirmedFromIt()
    {
        var confirms = new List<Ip4Endpoint>();
        using var rig = MdFaultRig.Create(MultiHomedCaller(true, "b"), CollectMd(confirms, TrdpMessageType.Mc));
        rig.StartCallers();
        Assert.True(rig.RunUntil(() => rig.Replier.ConfirmsReceived >= 5), $"confirms {rig.Replier.ConfirmsReceived}");

        Assert.Equal(5, confirms.Count);
        Assert.All(confirms, c => Assert.Equal(SecondCallerInterface, c.Address));
    }
}
