using TrdpSim.Tests.Infrastructure;

namespace TrdpSim.Tests.Faults;

/// <summary>Issue 4, point 8: the same plan and seed on the in-memory transport produce the identical
/// sequence of frames (checked by hash); another seed produces another.</summary>
public sealed class FaultDeterminismTests
{
    [Fact]
    public void SameSeedSameFramesOtherSeedOtherFrames()
    {
        var first = Hash(seed: 7);
        var second = Hash(seed: 7);
        var other = Hash(seed: 8);
        Assert.Equal(first.Hash, second.Hash);
        Assert.Equal(first.Frames, second.Frames);
        Assert.NotEqual(first.Hash, other.Hash);
        Assert.True(first.Frames > 5_000, $"{first.Frames} frames");
    }

    private static (ulong Hash, long Frames) Hash(ulong seed)
    {
        var plan = FaultHarness.TwoDevices(cycleMilliseconds: 2, payloadLength: 32, count: 4, seed: seed);
        plan.Faults.Add(new FaultPlan { Name = "burst", Kind = FaultKind.BurstLoss, GoodToBad = 0.05, BadToGood = 0.3 });
        plan.Faults.Add(new FaultPlan { Name = "jitter", Kind = FaultKind.Delay, Delay = "normal:mean=3ms,stddev=1ms", Start = TimeSpan.FromMilliseconds(200) });
        plan.Faults.Add(new FaultPlan { Name = "dup", Kind = FaultKind.Duplicate, Probability = 0.1, Target = new FaultTarget { Telegram = "out#1" } });
        plan.Faults.Add(new FaultPlan { Name = "flip", Kind = FaultKind.BitFlip, Probability = 0.2, Bits = 2, RampUp = TimeSpan.FromMilliseconds(500) });
        plan.Faults.Add(new FaultPlan { Name = "reorder", Kind = FaultKind.Reorder, Probability = 0.05, Depth = 2 });
        plan.Faults.Add(new FaultPlan { Name = "seq", Kind = FaultKind.SequenceFault, SequenceMode = SequenceFaultMode.Jump, Start = TimeSpan.FromMilliseconds(300) });
        plan.Faults.Add(new FaultPlan { Name = "babble", Kind = FaultKind.Babble, RateFactor = 1.5, Target = new FaultTarget { ComId = 1002 } });

        var wire = new WireHash();
        using var h = new FaultHarness(plan, wire.Observe);
        h.RunFor(TimeSpan.FromSeconds(3));
        return (wire.Value, wire.Frames);
    }
}
