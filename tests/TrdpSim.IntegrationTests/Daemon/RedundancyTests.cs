using TrdpSim.Composition;
using TrdpSim.Hosting;
using TrdpSim.Plan;
using TrdpSim.Telemetry;

namespace TrdpSim.IntegrationTests.Daemon;

/// <summary>PD redundancy groups on loopback (trdp-wire.md §7.7): the leader sends, the follower prepares and keeps
/// silent, a switchover through the control surface moves the traffic to the other device with its counter
/// restarting at 0, and a subscriber naming both sources measures the gap.</summary>
public sealed class RedundancyTests
{
    /// <summary>A and A2 publish ComId 1000 every 10 ms in redundancy group 7; B subscribes with A and A2 as its sources.</summary>
    private static RunPlan Plan()
    {
        RunPlan plan = LoopbackPlans.Pair(1, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(1), out uint publisher, out _);
        plan.Devices[0].Publications[0].RedundancyGroup = 7;
        var partner = new DevicePlan { Name = "A2", Address = (publisher & 0xFFFFFF00u) | 5 };
        partner.Publications.Add(new PublicationPlan
        {
            Name = "out", ComId = 1000, Cycle = TimeSpan.FromMilliseconds(10), Destination = plan.Devices[1].Address,
            PayloadLength = 24, RedundancyGroup = 7,
        });
        plan.Devices.Add(partner);
        plan.Devices[1].Subscriptions[0].Source2 = partner.Address;
        return plan;
    }

    private static TelegramCounters Totals(RunHost host, string device, TelegramRole role)
    {
        var total = new TelegramCounters();
        foreach (TelegramGroup group in host.Telemetry.Groups)
        {
            if (group.Device == device && group.Role == role)
            {
                total.Accumulate(group.Totals());
            }
        }

        return total;
    }

    private static Task<ControlResult> Switch(RunHost host, uint group, string? device) =>
        host.RunControl.SwitchLeader(ControlScope.Http("tester"), group, device).Completion.WaitAsync(TimeSpan.FromSeconds(10));

    [Fact]
    public async Task TheLeaderSendsTheFollowerCountsSilentlyAndASwitchoverMovesTheTraffic()
    {
        await using var host = RunHost.Create(Plan(), new RunHostOptions());
        await host.StartAsync();
        Assert.True(SpinWait.SpinUntil(() => Totals(host, "B", TelegramRole.Subscribe).Received >= 20, 10_000));

        // The plan's first member leads: A sends, A2 prepares every cycle and sends nothing.
        Assert.Equal("A", Assert.Single(host.Run.Redundancy).Leader);
        Assert.Equal(0, Totals(host, "A2", TelegramRole.Publish).Sent);
        Assert.True(Totals(host, "A2", TelegramRole.Publish).FollowerCycles >= 15);
        Assert.Equal(0, Totals(host, "B", TelegramRole.Subscribe).Switchovers);

        Assert.Equal(ControlOutcome.Applied, (await Switch(host, 7, "A2")).Outcome);
        long sentByA = Totals(host, "A", TelegramRole.Publish).Sent;
        Assert.True(SpinWait.SpinUntil(() => Totals(host, "B", TelegramRole.Subscribe).Switchovers == 1 &&
            Totals(host, "A2", TelegramRole.Publish).Sent >= 10, 10_000));
        Assert.True(Totals(host, "A", TelegramRole.Publish).Sent <= sentByA + 1); // at most the cycle already under way

        // Switch back (no device named: the next member), then the refusals.
        Assert.Equal(ControlOutcome.Applied, (await Switch(host, 7, null)).Outcome);
        Assert.True(SpinWait.SpinUntil(() => Totals(host, "B", TelegramRole.Subscribe).Switchovers == 2, 10_000));
        Assert.Equal(ControlOutcome.Conflict, (await Switch(host, 7, "A")).Outcome);
        Assert.Equal(ControlOutcome.NotFound, (await Switch(host, 8, "A")).Outcome);
        Assert.Equal(ControlOutcome.NotFound, (await Switch(host, 7, "B")).Outcome);
        await host.StopAsync();

        TelegramCounters b = Totals(host, "B", TelegramRole.Subscribe);
        // Each new leader starts at counter 0 (TCNopen's tlp_setRedundant); A's return is a restart of its source.
        Assert.Equal((2L, 2L), (b.Switchovers, b.SwitchoversFromZero));
        Assert.Equal(1L, b.Restarts);
        Assert.Equal(0L, b.Lost);
        TelegramGroup subscription = Assert.Single(host.Telemetry.Groups, g => g.Device == "B");
        LatencySnapshot gap = subscription.SwitchoverGap.Refresh();
        Assert.Equal(2, gap.Count);
        // The new leader sends on its own grid from its next cycle: the gap is at most about one cycle plus
        // the command's way to the wheel (generous on a shared machine).
        Assert.True(gap.Max < 60_000_000, $"gap max {gap.Max} ns");
        Assert.Equal(2, Assert.Single(host.Run.Redundancy).Switchovers);
    }
}
