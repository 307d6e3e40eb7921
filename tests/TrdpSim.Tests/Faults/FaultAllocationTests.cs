using TrdpSim.Tests.Infrastructure;

namespace TrdpSim.Tests.Faults;

/// <summary>The fault stage allocates nothing per frame once its pools are warm.</summary>
public sealed class FaultAllocationTests
{
    [Fact]
    public void PublicationsWithActiveFaultsAllocateNothingPerCycle()
    {
        var plan = FaultHarness.TwoDevices(cycleMilliseconds: 1, payloadLength: 64, count: 100);
        plan.Faults.Add(new FaultPlan { Name = "loss", Kind = FaultKind.Loss, Probability = 0.1 });
        plan.Faults.Add(new FaultPlan { Name = "dup", Kind = FaultKind.Duplicate, Probability = 0.2, Copies = 2 });
        plan.Faults.Add(new FaultPlan { Name = "flip", Kind = FaultKind.BitFlip, Probability = 0.3, Bits = 4 });
        plan.Faults.Add(new FaultPlan { Name = "seq", Kind = FaultKind.SequenceFault, SequenceMode = SequenceFaultMode.Freeze });
        plan.Faults.Add(new FaultPlan { Name = "delay", Kind = FaultKind.Delay, Delay = "uniform:0ms..3ms" });
        plan.Faults.Add(new FaultPlan { Name = "reorder", Kind = FaultKind.Reorder, Probability = 0.1, Depth = 3 });
        plan.Faults.Add(new FaultPlan { Name = "fcs", Kind = FaultKind.CorruptFcs, Probability = 0.05 });
        plan.Faults.Add(new FaultPlan { Name = "babble", Kind = FaultKind.Babble, RateFactor = 2 });
        plan.Faults.Add(new FaultPlan { Name = "drift", Kind = FaultKind.CycleDrift, DriftPpm = 50 });
        using var h = new FaultHarness(plan);
        // Size the pools beyond the peak of frames in flight, so a new peak after warm-up (the delays
        // are random) reuses copies and timers instead of allocating them.
        h.Faults.Reserve(2_000);

        // The in-memory network copies each datagram into a pooled block until the receiver drains it; its
        // pool grows with the busiest tick so far, and drift slides the groups into new coincidences over
        // time. Fill it up front: this test measures the fault stage, not the test network's high-water mark.
        var blocks = new byte[h.Transport.QueueCapacity][];
        for (var i = 0; i < blocks.Length; i++)
        {
            blocks[i] = h.Transport.SmallBlocks.Rent();
        }

        foreach (var block in blocks)
        {
            h.Transport.SmallBlocks.Return(block);
        }

        h.Step(3_000); // warm-up: JIT tiers, frame copies, delayed-frame timers, histogram buckets
        long strikesBefore = Strikes(h);
        var rounds = 0;
        var allocated = SteadyAllocation.Fewest(() =>
        {
            h.Step(2_000);
            rounds++;
        });
        var strikes = (Strikes(h) - strikesBefore) / rounds;

        Assert.True(strikes > 20_000, $"only {strikes} strikes: the faults did not act");
        Assert.True(h.Wheel.FaultCount == 0, $"wheel faults: {h.Wheel.FaultCount}: {h.Wheel.LastFault}");
        Assert.True(allocated == 0, $"{allocated} bytes allocated for {strikes} strikes in steady state");
    }

    private static long Strikes(FaultHarness h)
    {
        long strikes = 0;
        for (var i = 0; i < h.Faults.Active.Count; i++)
        {
            strikes += h.Faults.Active[i].Strikes;
        }

        return strikes;
    }
}
