using TrdpSim.Protocol.Statistics;
using TrdpSim.Tests.Faults;

namespace TrdpSim.Tests.Devices;

/// <summary>A multi-homed responder answers a pull ('Pr' → 'Pp') and a statistics pull on the interface the request
/// arrived on, to the address the request names (trdp-wire.md §7.5, §7.8): a requester that reaches it on one path
/// only gets its answer on that path.</summary>
public sealed class MultiHomedPullReplyTests
{
    private const uint SecondInterface = 0x0A000013; // B's second address, 10.0.0.19

    private static RunPlan MultiHomedResponder(uint target)
    {
        var plan = PullPlans.PullOnlyResponder(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(50));
        plan.Devices[1].Interfaces.AddRange([FaultHarness.SubscriberAddress, SecondInterface]);
        plan.Devices[0].PullRequests[0].Target = target;
        return plan;
    }

    /// <summary>Keeps the source and destination address of every 'Pp' of <paramref name="comId"/> on the wire.</summary>
    private static FrameObserver CollectReplies(List<(uint Source, uint Destination)> replies, uint comId) => (source, destination, payload) =>
    {
        if (PdFrame.TryDecode(payload, out var header) == FrameCheck.Ok && header.MessageType == TrdpMessageType.Pp && header.ComId == comId)
        {
            replies.Add((source.Address, destination.Address));
        }
    };

    [Theory]
    [InlineData(FaultHarness.SubscriberAddress)]
    [InlineData(SecondInterface)]
    public void APullIsAnsweredFromTheInterfaceItArrivedOn(uint target)
    {
        var replies = new List<(uint Source, uint Destination)>();
        using var h = new FaultHarness(MultiHomedResponder(target), CollectReplies(replies, PullPlans.ReplyComId));
        h.RunFor(TimeSpan.FromMilliseconds(350));

        Assert.Equal(4, replies.Count);
        Assert.All(replies, r => Assert.Equal((target, FaultHarness.PublisherAddress), r));
        Assert.Equal(4, h.Run.Telemetry.Groups.Single(g => g.Device == "A").Totals().PullReplies);
    }

    [Fact]
    public void APullOnTheSecondInterfaceGoesToTheReplyAddressItNamesFromThatInterface()
    {
        const uint elsewhere = 0x0A000077;
        var replies = new List<(uint Source, uint Destination)>();
        var plan = MultiHomedResponder(SecondInterface);
        plan.Devices[0].PullRequests.Clear();
        using var h = new FaultHarness(plan, CollectReplies(replies, PullPlans.ReplyComId));
        var request = PullPlans.PullRequest(PullPlans.RequestComId, PullPlans.ReplyComId, elsewhere, 0);
        h.Run.Devices[1].Unicast.Dispatch(request, false, new Ip4Endpoint(FaultHarness.PublisherAddress, 40999), h.Now, 1);
        h.Step(1);

        Assert.Equal([(SecondInterface, elsewhere)], replies);
    }

    [Theory]
    [InlineData(FaultHarness.SubscriberAddress)]
    [InlineData(SecondInterface)]
    public void AStatisticsPullIsAnsweredFromTheInterfaceItArrivedOn(uint target)
    {
        var replies = new List<(uint Source, uint Destination)>();
        var plan = MultiHomedResponder(target);
        plan.Devices[0].PullRequests.Clear();
        plan.Devices[0].StatisticsPolls.Add(new StatisticsPollPlan
        {
            Name = "dut", Target = target, Interval = TimeSpan.FromMilliseconds(100), Timeout = TimeSpan.FromMilliseconds(50),
        });
        using var h = new FaultHarness(plan, CollectReplies(replies, StatisticsDataset.ComId));
        h.RunFor(TimeSpan.FromMilliseconds(350));

        Assert.Equal(4, replies.Count);
        Assert.All(replies, r => Assert.Equal((target, FaultHarness.PublisherAddress), r));
        Assert.Equal(4, h.Run.Telemetry.Groups.Single(g => g.Device == "A" && g.Name == "dut").Totals().PullReplies);
    }
}
