namespace TrdpSim.Tests.Thresholds;

/// <summary>The monitor's checks allocate a bounded, modest amount: it runs beside the engine for days.</summary>
public sealed class ThresholdAllocationTests
{
    [Fact]
    public void ChecksAllocateABoundedAmountPerSecond()
    {
        var telemetry = new RunTelemetry("alloc");
        TelegramGroup publish = telemetry.AddGroup("a", "out", TelegramRole.Publish, 1000);
        publish.AddInstance();
        TelegramCounters received = telemetry.AddGroup("b", "in", TelegramRole.Subscribe, 1000).AddInstance();
        MdGroup caller = telemetry.AddMdGroup(new MdGroup("a", "ask", MdRole.Caller, 2000, "udp request"));
        var clock = new ManualTimeSource();
        var random = new Random(3);
        string[] specs = ["pd_loss_ratio|rate < 0.01|", "pd_send_lateness{device=a}|p(99) < 2ms|10", "md_rtt|p(99.9) < 5ms|", "pd_received|per_second > 1|60"];
        var thresholds = new List<TrdpSim.Plan.ThresholdPlan>();
        foreach (string spec in specs)
        {
            string[] parts = spec.Split('|');
            Assert.True(ThresholdSyntax.TryParse(parts[0], parts[1], out var threshold, out _));
            threshold.Over = parts[2].Length > 0 ? TimeSpan.FromSeconds(int.Parse(parts[2])) : null;
            thresholds.Add(threshold);
        }

        using var monitor = new ThresholdMonitor(thresholds, telemetry, clock);
        monitor.Start();
        void Second()
        {
            for (int k = 0; k < 100; k++)
            {
                publish.Lateness.Record(random.Next(1_000, 3_000_000));
                caller.Latency.Record(random.Next(100_000, 4_000_000));
            }

            received.Received += 100;
            clock.Advance(1_000_000_000);
            monitor.EvaluateNow();
        }

        for (int s = 0; s < 120; s++)
        {
            Second();
        }

        const int Seconds = 600;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int s = 0; s < Seconds; s++)
        {
            Second();
        }

        long perSecond = (GC.GetAllocatedBytesForCurrentThread() - before) / Seconds;
        Assert.True(perSecond < 4096, $"{perSecond} bytes allocated per check of four thresholds");
    }
}
