using TrdpSim.Tests.Devices;

namespace TrdpSim.Tests.Faults;

/// <summary>Pull replies leave through the same outlet mechanism as every other frame, so a publication's faults
/// strike its 'Pp' as they strike its cycles (they used to bypass the fault stage).</summary>
public sealed class PullReplyFaultTests
{
    private static readonly Ip4Endpoint From = new(FaultHarness.PublisherAddress, 40999);

    [Fact]
    public void ALossFaultOnAPullOnlyPublicationWithholdsItsPullReplies()
    {
        var replies = new List<(PdHeader Header, byte[] Data)>();
        using var h = Responder(replies);
        var fault = h.Inject(new FaultPlan { Name = "drop", Kind = FaultKind.Loss, Probability = 1, Target = new FaultTarget { Device = "B", Telegram = "status" } });

        for (uint sequence = 1; sequence <= 5; sequence++)
        {
            Pull(h, sequence);
        }

        Assert.Empty(replies);
        Assert.Equal(5, fault.Strikes);
        Assert.Equal(1, fault.TargetCount); // the telegram, not its outlets
        Assert.Equal(0, h.Run.Devices[1].Publications[0].Counters.PullRequests);
    }

    [Fact]
    public void AnFcsFaultBreaksThePullReplyOnTheWire()
    {
        var wire = new List<byte[]>();
        var plan = PullPlans.PullOnlyResponder(TimeSpan.FromHours(1), TimeSpan.FromSeconds(1));
        plan.Devices[0].PullRequests.Clear();
        using var h = new FaultHarness(plan, (_, _, payload) => wire.Add(payload.ToArray()));
        h.Inject(new FaultPlan { Name = "fcs", Kind = FaultKind.CorruptFcs, Probability = 1, Target = new FaultTarget { Telegram = "status" } });

        Pull(h, 1);

        var frame = Assert.Single(wire, f => f.Length >= PdFrame.HeaderSize && System.Buffers.Binary.BinaryPrimitives.ReadUInt16BigEndian(f.AsSpan(6)) == (ushort)TrdpMessageType.Pp);
        Assert.Equal(FrameCheck.BadFcs, PdFrame.TryDecode(frame, out _));
    }

    [Fact]
    public void RepairingTheFaultLetsPullRepliesThroughAgain()
    {
        var replies = new List<(PdHeader Header, byte[] Data)>();
        using var h = Responder(replies);
        h.Inject(new FaultPlan { Name = "drop", Kind = FaultKind.Loss, Probability = 1, Target = new FaultTarget { Telegram = "status" } });
        Pull(h, 1);
        Assert.True(h.Faults.Repair("drop"));
        Pull(h, 2);

        var (header, _) = Assert.Single(replies);
        Assert.Equal(PullPlans.ReplyComId, header.ComId);
        Assert.Null(h.Run.Devices[1].Publications[0].PullOutlet.Stage);
    }

    private static FaultHarness Responder(List<(PdHeader Header, byte[] Data)> replies)
    {
        var plan = PullPlans.PullOnlyResponder(TimeSpan.FromHours(1), TimeSpan.FromSeconds(1));
        plan.Devices[0].PullRequests.Clear();
        return new FaultHarness(plan, PullPlans.CollectPullReplies(replies));
    }

    private static void Pull(FaultHarness h, uint sequence)
    {
        h.Run.Devices[1].Unicast.Dispatch(PullPlans.PullRequest(PullPlans.RequestComId, PullPlans.ReplyComId, FaultHarness.PublisherAddress, sequence),
            false, From, h.Now);
        h.Step(1);
    }
}
