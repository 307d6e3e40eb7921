namespace TrdpSim.Tests.Faults;

/// <summary>Each PD fault kind, judged by what the subscriber (or the wire) sees.</summary>
public sealed class ProcessDataFaultTests
{
    private static FaultPlan Fault(FaultKind kind, Action<FaultPlan>? set = null)
    {
        var fault = new FaultPlan { Name = "f", Kind = kind, Target = new FaultTarget { Device = "A" } };
        set?.Invoke(fault);
        return fault;
    }

    private static FaultHarness Harness(FaultPlan fault, int cycleMilliseconds = 1, TrdpSim.Transport.FrameObserver? observer = null)
    {
        var plan = FaultHarness.TwoDevices(cycleMilliseconds);
        plan.Faults.Add(fault);
        return new FaultHarness(plan, observer);
    }

    [Fact]
    public void LossDropsFramesAtItsProbability()
    {
        using var h = Harness(Fault(FaultKind.Loss, f => f.Probability = 0.3));
        h.RunFor(TimeSpan.FromSeconds(10));
        var strikes = h.Faults.Active[0].Strikes;
        var cycles = h.Sent.Sent + strikes;
        Assert.InRange(cycles, 9_990, 10_001);
        Assert.InRange(strikes / (double)cycles, 0.27, 0.33);
        // Every withheld frame is counted as struck; each is a gap the subscriber counts, also across a
        // timeout (runs of 5 drops time it out), except drops after the last frame that arrived.
        Assert.Equal(strikes, h.Sent.Struck);
        Assert.InRange(h.Received.Lost, strikes - 20, strikes);
        Assert.Equal(h.Sent.Sent, h.Received.Received);
    }

    [Fact]
    public void BurstLossFollowsTheGilbertElliottModel()
    {
        var sequences = new List<uint>();
        using var h = Harness(Fault(FaultKind.BurstLoss, f =>
        {
            f.GoodToBad = 0.05;
            f.BadToGood = 0.25;
            f.LossInBad = 1;
            f.LossInGood = 0;
        }), observer: (_, _, payload) => sequences.Add(BinaryPrimitives.ReadUInt32BigEndian(payload)));
        h.RunFor(TimeSpan.FromSeconds(20));

        var bursts = new List<long>();
        for (var i = 1; i < sequences.Count; i++)
        {
            var gap = sequences[i] - sequences[i - 1] - 1;
            if (gap > 0)
            {
                bursts.Add(gap);
            }
        }

        var lossRatio = h.Faults.Active[0].Strikes / (double)(sequences.Count + h.Faults.Active[0].Strikes);
        Assert.InRange(lossRatio, 0.14, 0.195);           // stationary P(bad) = 0.05 / (0.05 + 0.25) = 1/6
        Assert.InRange(bursts.Average(), 3.4, 4.6);       // mean burst = 1 / bad-to-good = 4 frames
        Assert.True(bursts.Max() >= 12, $"longest burst only {bursts.Max()}: not geometric");
    }

    [Fact]
    public void DelayHoldsFramesBackByItsDistributionAndTheyArriveOutOfOrder()
    {
        var delays = new List<long>();
        FaultHarness? harness = null;
        using var h = harness = Harness(Fault(FaultKind.Delay, f => f.Delay = "uniform:5ms..15ms"), cycleMilliseconds: 2,
            observer: (_, _, payload) =>
            {
                var sequence = BinaryPrimitives.ReadUInt32BigEndian(payload);
                var intended = FaultHarness.Tick + (sequence * 2_000_000L);
                delays.Add(harness!.Now - intended);
            });
        h.RunFor(TimeSpan.FromSeconds(4));

        Assert.True(delays.Count > 1_900, $"{delays.Count} frames");
        Assert.InRange(delays.Min(), 5_000_000, 5_200_000);
        Assert.InRange(delays.Max(), 14_800_000, 15_100_000);
        Assert.InRange(delays.Average(), 9_700_000, 10_300_000);
        Assert.True(h.Received.OutOfOrder > 100, "a delay longer than the cycle must reorder frames");
        Assert.Equal(h.Faults.Active[0].Strikes, h.Sent.Delayed);
        // Delayed frames record no send lateness (it would measure the fault, not the engine).
        Assert.Equal(0, h.Run.Telemetry.Groups[0].Lateness.Refresh().Count);
    }

    [Fact]
    public void DuplicatesAreCountedByTheSubscriber()
    {
        using var h = Harness(Fault(FaultKind.Duplicate, f =>
        {
            f.Probability = 0.5;
            f.Copies = 2;
        }));
        h.RunFor(TimeSpan.FromSeconds(2));
        var strikes = h.Faults.Active[0].Strikes;
        Assert.InRange(strikes, 850, 1_150);
        // Copies of sequence 0 are accepted: 0 always means "sender restarted" (trdp-wire.md §7.2).
        Assert.InRange(h.Received.Duplicates, (2 * strikes) - 2, 2 * strikes);
        Assert.Equal(0, h.Received.Lost);
    }

    [Fact]
    public void ReorderLetsLaterFramesOvertake()
    {
        using var h = Harness(Fault(FaultKind.Reorder, f =>
        {
            f.Probability = 0.2;
            f.Depth = 2;
        }));
        h.RunFor(TimeSpan.FromSeconds(2));
        var strikes = h.Faults.Active[0].Strikes;
        Assert.InRange(strikes, 250, 450);
        // A held-back sequence 0 counts as a restart (and the two frames that overtook it as lost
        // again), and the last strike may still be held.
        Assert.InRange(h.Received.OutOfOrder, strikes - 2, strikes);
        Assert.InRange(h.Received.Lost, strikes - 1, strikes + 2);
    }

    [Fact]
    public void CorruptFcsFramesAreRejectedAsBadFcs()
    {
        using var h = Harness(Fault(FaultKind.CorruptFcs, f => f.Probability = 0.25));
        h.RunFor(TimeSpan.FromSeconds(2));
        var strikes = h.Faults.Active[0].Strikes;
        Assert.InRange(strikes, 400, 600);
        Assert.Equal(strikes, h.Rejects.Get(RejectReason.BadFcs));
        Assert.Equal(h.Sent.Sent - strikes, h.Received.Received);
    }

    [Fact]
    public void BitFlipsChangeThePayloadButNotTheHeader()
    {
        var changed = 0;
        using var h = Harness(Fault(FaultKind.BitFlip, f => f.Bits = 3), observer: (_, _, payload) =>
        {
            if (payload[PdFrame.HeaderSize..].ContainsAnyExcept((byte)0))
            {
                changed++;
            }
        });
        h.RunFor(TimeSpan.FromSeconds(1));
        Assert.Equal(h.Sent.Sent, changed);
        Assert.Equal(0, h.Rejects.Total());
        Assert.Equal(h.Sent.Sent, h.Received.Received);
        Assert.False(h.Publication().Payload.ContainsAnyExcept((byte)0), "the publication's own payload must stay clean");
    }

    [Theory]
    [InlineData(SequenceFaultMode.Jump)]
    [InlineData(SequenceFaultMode.RollBack)]
    [InlineData(SequenceFaultMode.Reset)]
    [InlineData(SequenceFaultMode.Freeze)]
    public void SequenceFaultsAreSeenByTheSequenceRule(SequenceFaultMode mode)
    {
        var sequences = new List<uint>();
        using var h = Harness(Fault(FaultKind.SequenceFault, f =>
        {
            f.SequenceMode = mode;
            f.SequenceStep = 5;
            f.Start = TimeSpan.FromMilliseconds(100);
            f.Stop = TimeSpan.FromMilliseconds(140); // shorter than the 50 ms timeout: repeats never time it out
        }), cycleMilliseconds: 10, observer: (_, _, payload) => sequences.Add(BinaryPrimitives.ReadUInt32BigEndian(payload)));
        h.RunFor(TimeSpan.FromSeconds(1));

        var c = h.Received;
        switch (mode)
        {
            case SequenceFaultMode.Jump:
                Assert.Equal(5, c.Lost);
                Assert.Equal(0, c.OutOfOrder);
                break;
            case SequenceFaultMode.RollBack:
                Assert.Equal(5, c.OutOfOrder + c.Duplicates);
                break;
            case SequenceFaultMode.Reset:
                Assert.Equal(0, c.OutOfOrder + c.Duplicates);
                Assert.Contains(sequences.Skip(1), s => s == 0);
                break;
            default:
                Assert.InRange(c.Duplicates, 3, 4); // 40 ms of 10 ms cycles; the first frame of the freeze is new
                Assert.Equal(c.Duplicates, h.Run.Telemetry.Faults()[0].Strikes);
                break;
        }

        Assert.Equal(0, h.Rejects.Total());
    }

    [Fact]
    public void TopoChangeIsRejectedWhileActiveAndRestoredAfter()
    {
        using var h = Harness(Fault(FaultKind.TopoChange, f =>
        {
            f.EtbTopoCount = 7;
            f.Stop = TimeSpan.FromMilliseconds(500);
        }), cycleMilliseconds: 10);
        h.RunFor(TimeSpan.FromSeconds(1));
        var strikes = h.Run.Telemetry.Faults()[0].Strikes;
        Assert.InRange(strikes, 49, 51);
        Assert.Equal(strikes, h.Rejects.Get(RejectReason.TopoMismatch));
        Assert.InRange(h.Received.Received, 49, 51);
        Assert.Equal(0u, BinaryPrimitives.ReadUInt32BigEndian(h.Publication().Frame.AsSpan(12)));
        Assert.True(HeaderFcs.Verify(h.Publication().Frame.AsSpan(0, PdFrame.HeaderSize)));
    }

    [Theory]
    [InlineData(MalformationKind.ProtocolVersion, RejectReason.BadVersion)]
    [InlineData(MalformationKind.MessageType, RejectReason.WrongMessageType)]
    [InlineData(MalformationKind.Length, RejectReason.DatasetTruncated)]
    [InlineData(MalformationKind.Truncated, RejectReason.TooShort)]
    public void MalformedFramesAreRejectedForTheNamedField(MalformationKind malformation, RejectReason reason)
    {
        using var h = Harness(Fault(FaultKind.Malform, f => f.Malformation = malformation), cycleMilliseconds: 10);
        h.RunFor(TimeSpan.FromSeconds(1));
        var strikes = h.Run.Telemetry.Faults()[0].Strikes;
        Assert.InRange(strikes, 99, 101);
        Assert.Equal(strikes, h.Rejects.Get(reason));
        Assert.Equal(strikes, h.Rejects.Total());
    }

    [Fact]
    public void PaddingMalformationKeepsAValidFrameWithNonZeroReservedBytes()
    {
        var reserved = new List<uint>();
        using var h = Harness(Fault(FaultKind.Malform, f => f.Malformation = MalformationKind.Padding), cycleMilliseconds: 10,
            observer: (_, _, payload) =>
            {
                Assert.True(HeaderFcs.Verify(payload[..PdFrame.HeaderSize]));
                reserved.Add(BinaryPrimitives.ReadUInt32BigEndian(payload[24..]));
            });
        h.RunFor(TimeSpan.FromSeconds(1));
        Assert.All(reserved, r => Assert.Equal(0xA5A5A5A5u, r));
        Assert.Equal(0, h.Rejects.Total()); // TCNopen ignores the reserved field, and so do we
    }

    [Fact]
    public void SilenceMakesTheSubscriberTimeOut()
    {
        using var h = Harness(Fault(FaultKind.Silence, f =>
        {
            f.Start = TimeSpan.FromMilliseconds(200);
            f.Stop = TimeSpan.FromMilliseconds(700);
        }), cycleMilliseconds: 10);
        h.RunFor(TimeSpan.FromSeconds(1));
        Assert.Equal(1, h.Received.Timeouts);
        Assert.InRange(h.Run.Telemetry.Faults()[0].Strikes, 49, 51);
        Assert.InRange(h.Sent.Sent, 49, 51);
        Assert.Equal(0, h.Received.TimedOut); // sending again after the stop
    }

    [Fact]
    public void BabbleSendsRateFactorTimesAsOften()
    {
        using var h = Harness(Fault(FaultKind.Babble, f => f.RateFactor = 4), cycleMilliseconds: 10);
        h.RunFor(TimeSpan.FromSeconds(2));
        Assert.InRange(h.Sent.Sent, 796, 804);
        Assert.Equal(h.Sent.Sent, h.Received.Received); // extra frames carry new sequence numbers
        Assert.Equal(0, h.Received.Lost);
    }

    [Fact]
    public void CycleDriftStretchesEveryCycle()
    {
        using var h = Harness(Fault(FaultKind.CycleDrift, f => f.DriftPpm = 10_000), cycleMilliseconds: 10);
        using var reference = new FaultHarness(FaultHarness.TwoDevices(10));
        h.RunFor(TimeSpan.FromSeconds(10));
        reference.RunFor(TimeSpan.FromSeconds(10));
        Assert.InRange(reference.Sent.Sent, 999, 1_001);
        Assert.InRange(h.Sent.Sent, 988, 992); // 10 s / 10.1 ms
    }
}
