using TrdpSim.Protocol.Statistics;
using TrdpSim.Tests.Faults;

namespace TrdpSim.Tests.Devices;

/// <summary>How a responder treats incoming 'Pr' (statistics and ordinary pulls), as the TCNopen reference does
/// (trdp-wire.md §7.2, §7.5, §7.8; <c>pd-pull-statistics.pcap</c>).</summary>
public sealed class PullRequestRuleTests
{
    private const uint Requester = FaultHarness.PublisherAddress;

    private static readonly Ip4Endpoint From = new(Requester, 40999);

    /// <summary>Device B of the pull plan; A sends no pulls of its own (the test hands B its requests).</summary>
    private static FaultHarness Responder(List<(PdHeader Header, byte[] Data)> replies)
    {
        var plan = PullPlans.PullOnlyResponder(TimeSpan.FromHours(1), TimeSpan.FromSeconds(1));
        plan.Devices[0].PullRequests.Clear();
        return new(plan, PullPlans.CollectPullReplies(replies));
    }

    /// <summary>Hands a 'Pr' to B's receive path, then runs one tick: accepted requests are answered on the wheel
    /// thread, through the publication's (or the statistics) outlet.</summary>
    private static void Send(FaultHarness h, byte[] request)
    {
        h.Run.Devices[1].Unicast.Dispatch(request, false, From, h.Now);
        h.Step(1);
    }

    /// <summary>Interop finding: a 'Pr' for ComId 31 with replyComId 63 was answered with a 'Pp' ComId 63; the
    /// reference stack always answers statistics with ComId 31.</summary>
    [Fact]
    public void StatisticsPullIsAnsweredOnComId31WhateverReplyComIdItAsksFor()
    {
        var replies = new List<(PdHeader Header, byte[] Data)>();
        using var h = Responder(replies);
        Send(h, PullPlans.PullRequest(StatisticsDataset.ComId, 63, Requester, 0));

        var (header, data) = Assert.Single(replies);
        Assert.Equal((TrdpMessageType.Pp, StatisticsDataset.ComId), (header.MessageType, header.ComId));
        Assert.Equal(StatisticsDataset.Length, data.Length);
    }

    /// <summary>Interop finding: a repeated statistics 'Pr' with the same sequence counter from the same source
    /// was answered twice; the reference ignores the repeat (sequence rule per source and message type).</summary>
    [Fact]
    public void RepeatedStatisticsPullFromTheSameSourceIsIgnored()
    {
        var replies = new List<(PdHeader Header, byte[] Data)>();
        using var h = Responder(replies);
        Send(h, PullPlans.PullRequest(StatisticsDataset.ComId, StatisticsDataset.ComId, Requester, 5));
        Send(h, PullPlans.PullRequest(StatisticsDataset.ComId, StatisticsDataset.ComId, Requester, 5)); // repeat
        Send(h, PullPlans.PullRequest(StatisticsDataset.ComId, StatisticsDataset.ComId, Requester, 4)); // older
        Send(h, PullPlans.PullRequest(StatisticsDataset.ComId, StatisticsDataset.ComId, Requester, 6));
        Send(h, PullPlans.PullRequest(StatisticsDataset.ComId, StatisticsDataset.ComId, Requester, 0)); // 0 = restart
        Send(h, PullPlans.PullRequest(StatisticsDataset.ComId, StatisticsDataset.ComId, Requester, 0)); // ... every time (getStats)

        Assert.Equal(4, replies.Count);
        Assert.Equal(4, Volatile.Read(ref h.Run.Telemetry.StatisticsReplies));
        Assert.Equal(2, Volatile.Read(ref h.Run.Telemetry.StatisticsDuplicates));
    }

    /// <summary>Found: a device that polls another's statistics subscribes ComId 31 for the replies, and a 'Pr' on
    /// ComId 31 then went to that subscription instead of the device's own statistics: from the polled device it was
    /// rejected as no_publication, from any other as no_subscription, and it was never answered. Every TCNopen session
    /// answers a statistics pull, whatever else it subscribes (trdp-wire.md §7.8).</summary>
    [Theory]
    [InlineData(Requester)]   // the device B polls, polling B back
    [InlineData(0x0A000009u)] // a third device
    public void ADeviceThatPollsStatisticsStillAnswersStatisticsPulls(uint requester)
    {
        var replies = new List<(PdHeader Header, byte[] Data)>();
        var plan = PullPlans.PullOnlyResponder(TimeSpan.FromHours(1), TimeSpan.FromSeconds(1));
        plan.Devices[0].PullRequests.Clear();
        plan.Devices[1].StatisticsPolls.Add(new StatisticsPollPlan { Name = "a-stats", Target = Requester, Interval = TimeSpan.FromHours(1) });
        using var h = new FaultHarness(plan, (source, destination, payload) =>
        {
            if (source.Address == FaultHarness.SubscriberAddress)
            {
                PullPlans.CollectPullReplies(replies)(source, destination, payload);
            }
        });
        h.Step(10); // B's first poll of A, answered by A
        Assert.Equal(1, h.Run.Telemetry.Groups.Single(g => g.Name == "a-stats").Totals().PullReplies);

        h.Run.Devices[1].Unicast.Dispatch(PullPlans.PullRequest(StatisticsDataset.ComId, StatisticsDataset.ComId, requester, 1), false,
            new Ip4Endpoint(requester, 40999), h.Now);
        h.Step(1);

        var (header, data) = Assert.Single(replies);
        Assert.Equal((TrdpMessageType.Pp, StatisticsDataset.ComId, StatisticsDataset.Length), (header.MessageType, header.ComId, data.Length));
        Assert.All(Enum.GetValues<RejectReason>(), reason => Assert.Equal(0, h.Run.Devices[1].Unicast.Rejected(reason)));
        Assert.Equal(2, Volatile.Read(ref h.Run.Telemetry.StatisticsReplies)); // A's answer to B's poll, and B's
    }

    /// <summary>The same rule applies to an ordinary pull: its 'Pr' goes through the responder's subscription,
    /// whose sequence state is kept per source and message type (trdp-wire.md §7.2, §7.3 step 9).</summary>
    [Fact]
    public void RepeatedPullRequestFromTheSameSourceIsIgnored()
    {
        var replies = new List<(PdHeader Header, byte[] Data)>();
        using var h = Responder(replies);
        var request = PullPlans.PullRequest(PullPlans.RequestComId, PullPlans.ReplyComId, Requester, 7);
        Send(h, request);
        Send(h, request);
        Send(h, PullPlans.PullRequest(PullPlans.RequestComId, PullPlans.ReplyComId, Requester, 8));

        Assert.Equal(2, replies.Count);
        Assert.Equal(2, h.Run.Devices[1].Publications[0].Counters.PullRequests);
        Assert.Equal(1, h.Run.Devices[1].Unicast.FindFirst(PullPlans.RequestComId)!.Counters.PullDuplicates);
    }
}
