using TrdpSim.Hosting;
using TrdpSim.Plan;
using TrdpSim.Telemetry;

namespace TrdpSim.IntegrationTests.Daemon;

/// <summary>Multi-homing on loopback aliases: A sends from 127.b.2 and 127.b.9 (real sockets bound to each), B keeps
/// the first copy of each counter and counts both paths; silencing interface a leaves the telegram whole. A
/// multi-homed subscriber receives PD and MD on each of its addresses (its own block 127.66.5.x), joins a group on
/// each interface and answers a pull on the interface it arrived on (127.0.92.x, 127.0.93.x).</summary>
public sealed class MultiHomingLoopbackTests
{
    [Fact]
    public async Task AMultiHomedDeviceReceivesPdAndMdSentToItsSecondAddress()
    {
        RunPlan plan = LoopbackPlans.Pair(1, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(300), out _, out _);
        const uint publisher = 0x7F420502, subscriber = 0x7F420503, second = 0x7F420509; // 127.66.5.2, .3, .9
        plan.Network.MdPort = (ushort)(plan.Network.PdPort + 1);
        plan.Devices[0].Address = publisher;
        plan.Devices[0].Publications[0].Destination = second; // A knows B only by its second address
        plan.Devices[0].MdCallers.Add(new MdCallerPlan { Name = "note", ComId = 3000, Kind = MdCallKind.Notify, Destination = second, Rate = 100, PayloadLength = 4 });
        plan.Devices[1].Address = subscriber;
        plan.Devices[1].Interfaces.AddRange([subscriber, second]);
        plan.Devices[1].Subscriptions[0].Source = publisher;
        plan.Devices[1].MdRepliers.Add(new MdReplierPlan { Name = "note-in", ComId = 3000 });
        await using var host = RunHost.Create(plan, new RunHostOptions());
        await host.StartAsync();
        TelegramGroup subscription = host.Telemetry.Groups.Single(g => g.Device == "B");
        MdGroup notes = host.Telemetry.MdGroups.Single(g => g.Device == "B" && g.Name == "note-in");
        Assert.True(SpinWait.SpinUntil(() => subscription.Totals().Received >= 100 && notes.Counters.Notifications >= 10, 20_000),
            $"received {subscription.Totals().Received}, notifications {notes.Counters.Notifications}");
        await host.StopAsync();

        var paths = subscription.Paths!;
        Assert.Equal(["a", "b"], paths.Select(p => p.Name));
        Assert.Equal(0, paths[0].Received);
        Assert.Equal(subscription.Totals().Received, paths[1].Received);
    }

    [Fact]
    public async Task AMultiHomedSubscriberJoinsAGroupOnEachInterfaceAndHearsItOnBothPaths()
    {
        RunPlan plan = LoopbackPlans.Pair(1, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(300), out _, out _);
        const uint publisher = 0x7F005C02, subscriber = 0x7F005C03, second = 0x7F005D03; // 127.0.92.2, 127.0.92.3, 127.0.93.3
        const uint group = 0xEF5C5D01; // 239.92.93.1
        plan.Devices[0].Address = publisher;
        plan.Devices[0].Publications[0].Destination = group;
        plan.Devices[1].Address = subscriber;
        plan.Devices[1].Interfaces.AddRange([subscriber, second]);
        plan.Devices[1].Subscriptions[0].Source = publisher;
        plan.Devices[1].Subscriptions[0].Destination = group;
        await using var host = RunHost.Create(plan, new RunHostOptions());
        await host.StartAsync();
        TelegramGroup subscription = host.Telemetry.Groups.Single(g => g.Device == "B");
        Assert.True(SpinWait.SpinUntil(() => subscription.Totals().Received >= 100, 20_000), $"received {subscription.Totals().Received}");
        await host.StopAsync();

        TelegramCounters b = subscription.Totals();
        Assert.Equal((0L, 0L), (b.Duplicates, b.OutOfOrder));
        var paths = subscription.Paths;
        Assert.NotNull(paths);
        Assert.Equal(["a", "b"], paths.Select(p => p.Name));
        // Both group sockets joined on lo: each hears every frame, the later copy of a counter is redundant.
        Assert.All(paths, p => Assert.True(p.Received >= b.Received - 2, $"path {p.Name} received {p.Received} of {b.Received}"));
        Assert.Equal(paths[0].Received + paths[1].Received - b.Received, paths[0].Redundant + paths[1].Redundant);
    }

    [Fact]
    public async Task AMultiHomedDeviceAnswersAPullFromTheInterfaceItArrivedOn()
    {
        RunPlan plan = LoopbackPlans.Pair(1, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(300), out _, out _);
        const uint requester = 0x7F005C12, responder = 0x7F005C13, second = 0x7F005D13; // 127.0.92.18, 127.0.92.19, 127.0.93.19
        plan.Devices.Clear();
        var a = new DevicePlan { Name = "A", Address = requester };
        a.PullRequests.Add(new PullRequestPlan
        {
            Name = "ask", ComId = 1301, ReplyComId = 1300, Target = second, Interval = TimeSpan.FromMilliseconds(50), Timeout = TimeSpan.FromMilliseconds(500),
        });
        // The reply subscription names B, so it counts per path of B: which of B's interfaces each 'Pp' left from.
        a.Subscriptions.Add(new SubscriptionPlan { Name = "answer", ComId = 1300, Source = second, Timeout = Timeout.InfiniteTimeSpan });
        var b = new DevicePlan { Name = "B", Address = responder };
        b.Interfaces.AddRange([responder, second]);
        b.Publications.Add(new PublicationPlan { Name = "status", ComId = 1300, PayloadLength = 4, Cycle = TimeSpan.Zero, Destination = requester });
        b.Subscriptions.Add(new SubscriptionPlan { Name = "pull-in", ComId = 1301, Source = requester, Timeout = Timeout.InfiniteTimeSpan });
        plan.Devices.Add(a);
        plan.Devices.Add(b);
        await using var host = RunHost.Create(plan, new RunHostOptions());
        await host.StartAsync();
        TelegramGroup ask = host.Telemetry.Groups.Single(g => g.Device == "A" && g.Name == "ask");
        TelegramGroup answer = host.Telemetry.Groups.Single(g => g.Device == "A" && g.Name == "answer");
        Assert.True(SpinWait.SpinUntil(() => ask.Totals().PullReplies >= 5, 20_000), $"pull replies {ask.Totals().PullReplies}");
        await host.StopAsync();

        var paths = answer.Paths;
        Assert.NotNull(paths);
        Assert.Equal(["a", "b"], paths.Select(p => p.Name));
        Assert.Equal(0, paths[0].Received);
        Assert.True(paths[1].Received >= 5, $"path b received {paths[1].Received}");
    }

    [Fact]
    public async Task TwoInterfacesDeliverOverBothPathsAndOneFailingIsPathLossOnly()
    {
        RunPlan plan = LoopbackPlans.Pair(1, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(300), out uint publisher, out _);
        plan.Devices[0].Interfaces.AddRange([publisher, (publisher & 0xFFFFFF00u) | 9]);
        plan.Faults.Add(new FaultPlan
        {
            Name = "cut-a", Kind = FaultKind.Silence, Target = new FaultTarget { Device = "A", Interface = "a" }, Start = TimeSpan.FromSeconds(1),
        });
        await using var host = RunHost.Create(plan, new RunHostOptions());
        await host.StartAsync();
        TelegramGroup subscription = host.Telemetry.Groups.Single(g => g.Device == "B");
        Assert.True(SpinWait.SpinUntil(() => subscription.Paths![0].Down == 1 && subscription.Totals().Received >= 150, 20_000));
        await host.StopAsync();

        TelegramCounters b = subscription.Totals();
        Assert.Equal((0L, 0L), (b.Duplicates, b.OutOfOrder));
        // Path a fell silent, path b carried the telegram: no timeout of the telegram but one trdpsim caused itself
        // (a stall of its own threads on this shared machine).
        Assert.True(b.Timeouts == b.SelfTimeouts, $"timeouts {b.Timeouts}, self-inflicted {b.SelfTimeouts}, received {b.Received}, lost {b.Lost}");
        var paths = subscription.Paths!;
        Assert.True(paths[1].Received >= 140, $"path b received {paths[1].Received}");
        Assert.True(paths[0].Received < paths[1].Received, "path a was silenced after 1 s");
        Assert.Equal((1L, 0L), (paths[0].IsDown, paths[1].IsDown));
    }
}
