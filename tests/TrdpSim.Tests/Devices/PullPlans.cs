using TrdpSim.Tests.Faults;

namespace TrdpSim.Tests.Devices;

/// <summary>Plans and frames for pull tests on the in-memory harness: device "A" pulls, device "B" answers.</summary>
internal static class PullPlans
{
    public const uint RequestComId = 1301;
    public const uint ReplyComId = 1300;
    public const uint DatasetId = 4100;

    /// <summary>A pulls B's pull-only publication "status" (ComId 1300, dataset {life UINT32, tag UINT16}, life a
    /// counter from 4660, tag the constant 0xBEEF) with a 'Pr' on ComId 1301 that B subscribes.</summary>
    public static RunPlan PullOnlyResponder(TimeSpan interval, TimeSpan timeout, TimeSpan? cycle = null)
    {
        var plan = new RunPlan { Name = "pull", Seed = 1 };
        var dataset = new DatasetPlan { Id = DatasetId, Name = "status" };
        dataset.Elements.Add(new DatasetElementPlan { Name = "life", Type = "UINT32" });
        dataset.Elements.Add(new DatasetElementPlan { Name = "tag", Type = "UINT16" });
        plan.Datasets.Add(dataset);

        var a = new DevicePlan { Name = "A", Address = FaultHarness.PublisherAddress };
        a.PullRequests.Add(new PullRequestPlan
        {
            Name = "ask", ComId = RequestComId, ReplyComId = ReplyComId, Target = FaultHarness.SubscriberAddress,
            Interval = interval, Timeout = timeout,
        });

        var b = new DevicePlan { Name = "B", Address = FaultHarness.SubscriberAddress };
        var status = new PublicationPlan
        {
            Name = "status", ComId = ReplyComId, DatasetId = DatasetId, Cycle = cycle ?? TimeSpan.Zero, Destination = FaultHarness.PublisherAddress,
        };
        status.Fields.Add(new FieldGeneratorPlan { Field = "life", Kind = GeneratorKind.Counter, Value = 4660 });
        status.Fields.Add(new FieldGeneratorPlan { Field = "tag", Kind = GeneratorKind.Constant, Value = 0xBEEF });
        b.Publications.Add(status);
        b.Subscriptions.Add(new SubscriptionPlan { Name = "pull-in", ComId = RequestComId, Source = FaultHarness.PublisherAddress, Timeout = Timeout.InfiniteTimeSpan });
        plan.Devices.Add(a);
        plan.Devices.Add(b);
        return plan;
    }

    /// <summary>An encoded 'Pr'.</summary>
    public static byte[] PullRequest(uint comId, uint replyComId, uint replyIp, uint sequence)
    {
        var header = new PdHeader
        {
            SequenceCounter = sequence, ProtocolVersion = PdFrame.CurrentProtocolVersion, MessageType = TrdpMessageType.Pr,
            ComId = comId, ReplyComId = replyComId, ReplyIpAddress = replyIp,
        };
        var frame = new byte[PdFrame.MaxFrameSize];
        return frame.AsSpan(0, PdFrame.Encode(frame, header, [])).ToArray();
    }

    /// <summary>An observer keeping the header and dataset of every 'Pp' on the wire.</summary>
    public static FrameObserver CollectPullReplies(List<(PdHeader Header, byte[] Data)> replies) => (_, _, payload) =>
    {
        if (BinaryPrimitives.ReadUInt16BigEndian(payload[6..]) == (ushort)TrdpMessageType.Pp &&
            PdFrame.TryDecode(payload, out var header) == FrameCheck.Ok)
        {
            replies.Add((header, payload.Slice(PdFrame.HeaderSize, (int)header.DatasetLength).ToArray()));
        }
    };
}
