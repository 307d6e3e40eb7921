using TrdpSim.Hosting;
using TrdpSim.Plan;
using TrdpSim.Telemetry;

namespace TrdpSim.IntegrationTests.Daemon;

/// <summary>Multi-homing on loopback aliases: A sends from 127.b.2 and 127.b.9 (real sockets bound to each), B keeps
/// the first copy of each counter and counts both paths; silencing interface a leaves the telegram whole.</summary>
public sealed class MultiHomingLoopbackTests
{
    [Fact]
    public async Task Two_interfaces_deliver_over_both_paths_and_one_failing_is_path_loss_only()
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
