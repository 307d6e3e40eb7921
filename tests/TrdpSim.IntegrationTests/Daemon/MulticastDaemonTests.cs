namespace TrdpSim.IntegrationTests.Daemon;

/// <summary>A multicast publication reaches every device that joined the group, and only those.</summary>
public sealed class MulticastDaemonTests
{
    [Fact]
    public async Task EveryJoinedSubscriberReceivesTheGroupTelegram()
    {
        var (net, port) = LoopbackPlans.Allocate();
        var group = 0xEF010000u | (net & 0xFF00) | 7; // 239.1.<block>.7: unique per test run
        var plan = new RunPlan { Name = "multicast" };
        plan.Network.PdPort = port;
        plan.Metrics.Enabled = false;
        var tcms = new DevicePlan { Name = "tcms", Address = net | 2 };
        tcms.Publications.Add(new PublicationPlan { Name = "info", ComId = 3100, Cycle = TimeSpan.FromMilliseconds(10), Destination = group, PayloadLength = 8 });
        plan.Devices.Add(tcms);
        for (uint i = 0; i < 2; i++)
        {
            var display = new DevicePlan { Name = $"display-{i}", Address = net | (3 + i) };
            display.Subscriptions.Add(new SubscriptionPlan
            {
                Name = "info", ComId = 3100, Source = net | 2, Destination = group, Timeout = TimeSpan.FromSeconds(1),
            });
            plan.Devices.Add(display);
        }

        var bystander = new DevicePlan { Name = "bystander", Address = net | 9 };
        bystander.Subscriptions.Add(new SubscriptionPlan { Name = "info", ComId = 3100, Timeout = TimeSpan.FromMilliseconds(300) });
        plan.Devices.Add(bystander);

        await using var host = RunHost.Create(plan, new RunHostOptions());
        await host.StartAsync();
        await Task.Delay(600);
        await host.StopAsync();

        foreach (var g in host.Telemetry.Groups)
        {
            if (g.Role != TelegramRole.Subscribe)
            {
                continue;
            }

            var counters = g.Totals();
            if (g.Device == "bystander")
            {
                // Not a member of the group: nothing arrives, so it times out.
                Assert.Equal(0, counters.Received);
                Assert.Equal(1, counters.Timeouts);
            }
            else
            {
                Assert.True(counters.Received >= 20, $"{g.Device} received {counters.Received}");
                Assert.Equal(0, counters.Lost);
                Assert.Equal(0, counters.Timeouts);
            }
        }
    }
}
