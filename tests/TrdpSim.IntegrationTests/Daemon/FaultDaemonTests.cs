namespace TrdpSim.IntegrationTests.Daemon;

/// <summary>Faults in a whole daemon on loopback: plan faults start with the run, runtime faults arrive
/// as wheel commands and are repaired the same way.</summary>
public sealed class FaultDaemonTests
{
    private static readonly RunHostOptions NoMetrics = new();

    [Fact]
    public async Task PlanAndRuntimeFaultsStrikeAndRepair()
    {
        var plan = LoopbackPlans.Pair(2, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(1), out _, out _);
        plan.Faults.Add(new FaultPlan { Name = "fcs", Kind = FaultKind.CorruptFcs, Probability = 0.2, Target = new FaultTarget { Device = "A", Telegram = "out" } });
        await using var host = RunHost.Create(plan, NoMetrics);
        await host.StartAsync();

        await Until(() => host.Telemetry.Rejects.Get(RejectReason.BadFcs) >= 20);
        Assert.True(host.Telemetry.Faults()[0].Strikes >= host.Telemetry.Rejects.Get(RejectReason.BadFcs));

        host.Post(run => run.Faults.Inject(new FaultPlan { Name = "dup", Kind = FaultKind.Duplicate, Probability = 0.5 }, MonotonicClock.NowNanoseconds()));
        await Until(() => Subscribed(host).Duplicates >= 20);

        host.Post(run => run.Faults.RepairAll());
        await Until(() => host.Telemetry.Faults().All(f => !f.Attached));
        var rejects = host.Telemetry.Rejects.Get(RejectReason.BadFcs);
        var duplicates = Subscribed(host).Duplicates;
        var received = Subscribed(host).Received;
        await Until(() => Subscribed(host).Received >= received + 50);
        await host.StopAsync();

        // Frames in flight at the repair may still arrive broken; nothing new after that.
        Assert.InRange(host.Telemetry.Rejects.Get(RejectReason.BadFcs), rejects, rejects + 4);
        Assert.InRange(Subscribed(host).Duplicates, duplicates, duplicates + 4);
        Assert.Equal(0, host.Telemetry.EngineErrors);
    }

    private static TelegramCounters Subscribed(RunHost host) => host.Telemetry.Groups[1].Totals();

    /// <summary>Waits for a condition with a bound only a hung run misses (loaded CI machines are slow).</summary>
    private static async Task Until(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "condition not reached in 30 s");
            await Task.Delay(20);
        }
    }
}
