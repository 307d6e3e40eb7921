namespace TrdpSim.IntegrationTests.Daemon;

/// <summary>A pull on real loopback sockets, where the 'Pp' can arrive before the wheel thread's send call
/// has returned: round trips stay within the pull's timeout and a pull-only responder's values move on.</summary>
public sealed class PullLoopbackTests
{
    [Fact]
    public async Task EveryRoundTripIsWithinThePullTimeoutAndEveryRequestIsAccountedFor()
    {
        var (net, port) = LoopbackPlans.Allocate();
        var plan = new RunPlan { Name = "pull-loopback" };
        plan.Network.PdPort = port;
        var dataset = new DatasetPlan { Id = 4100, Name = "status" };
        dataset.Elements.Add(new DatasetElementPlan { Name = "life", Type = "UINT32" });
        plan.Datasets.Add(dataset);
        var responder = new DevicePlan { Name = "hvac", Address = net | 2 };
        var status = new PublicationPlan { Name = "status", ComId = 1300, DatasetId = 4100, Cycle = TimeSpan.Zero, Destination = net | 3 };
        status.Fields.Add(new FieldGeneratorPlan { Field = "life", Kind = GeneratorKind.Counter, Value = 4660 });
        responder.Publications.Add(status);
        responder.Subscriptions.Add(new SubscriptionPlan { Name = "pull-in", ComId = 1301, Timeout = Timeout.InfiniteTimeSpan });
        var requester = new DevicePlan { Name = "tcms", Address = net | 3 };
        // Timeout far above a loopback round trip: a starved CI thread must not turn replies into late ones.
        requester.PullRequests.Add(new PullRequestPlan
        {
            Name = "hvac-pull", ComId = 1301, ReplyComId = 1300, Target = net | 2,
            Interval = TimeSpan.FromMilliseconds(20), Timeout = TimeSpan.FromMilliseconds(200),
        });
        plan.Devices.Add(responder);
        plan.Devices.Add(requester);

        await using var host = await LoopbackPlans.PlayAsync(plan, TimeSpan.FromMilliseconds(600));

        var pull = host.Telemetry.Groups.Single(g => g.Name == "hvac-pull");
        var counters = pull.Totals();
        var waiting = host.Run.Devices[1].PullRequesters[0].Waiting;
        Assert.True(counters.PullRequests >= 10, $"requests {counters.PullRequests}");
        Assert.Equal(counters.PullRequests, counters.PullReplies + counters.Timeouts + waiting);
        Assert.Equal(0, counters.PullUnmatchedReplies);
        var rtt = pull.Lateness.Refresh();
        Assert.Equal(counters.PullReplies, rtt.Count);
        Assert.True(rtt.Max <= 200_000_000, $"round trip {rtt.Max} ns beyond the 200 ms timeout");

        // The value moved on with every reply: the last of the replies received carries 4660 + (received - 1).
        // Replies still in flight when the run stopped were answered but not received (a starved receive
        // thread can leave more than one), so they are counted apart.
        var answered = host.Run.Devices[0].Publications[0].Counters.PullRequests;
        var life = (long)BinaryPrimitives.ReadUInt32BigEndian(host.Run.Devices[1].Unicast.FindFirst(1300)!.Data);
        Assert.Equal(4660 + counters.Received - 1, life);
        Assert.True(answered >= counters.Received, $"answered {answered}, received {counters.Received}");
    }
}
