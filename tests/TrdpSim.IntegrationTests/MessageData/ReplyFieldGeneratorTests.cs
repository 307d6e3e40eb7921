using TrdpSim.Transport.Tcp.Internal;

namespace TrdpSim.IntegrationTests.MessageData;

/// <summary>A replier's field generators move on with every reply, as a caller's do with every request.</summary>
public sealed class ReplyFieldGeneratorTests
{
    [Fact]
    public async Task EachReplyCarriesTheNextGeneratedValues()
    {
        var plan = MdPlans.Pair(out var callerAddress, out var replier, out var mdPort);
        var dataset = new DatasetPlan { Id = 4200, Name = "reply-status" };
        dataset.Elements.Add(new DatasetElementPlan { Name = "replies", Type = "UINT32" });
        dataset.Elements.Add(new DatasetElementPlan { Name = "mode", Type = "UINT8" });
        plan.Datasets.Add(dataset);
        var listener = new MdReplierPlan { Name = "status", ComId = 4201, DatasetId = 4200 };
        listener.Fields.Add(new FieldGeneratorPlan { Field = "replies", Kind = GeneratorKind.Counter, Value = 100 });
        listener.Fields.Add(new FieldGeneratorPlan { Field = "mode", Kind = GeneratorKind.Constant, Value = 7 });
        plan.Devices[1].MdRepliers.Add(listener);
        await using var host = RunHost.Create(plan, new RunHostOptions());
        await host.StartAsync();

        using var caller = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 5000 };
        caller.Bind(new IPEndPoint(SocketAddresses.ToIPAddress(callerAddress), 0));
        var frame = new byte[MdFrame.MaxFrameSize];
        var reply = new byte[MdFrame.MaxFrameSize];
        var counters = new List<uint>();
        for (byte i = 1; i <= 3; i++)
        {
            var request = new MdHeader
            {
                MessageType = TrdpMessageType.Mr, ComId = 4201, ReplyTimeoutMicros = 2_000_000,
                SessionId = SessionId.FromBytes(Enumerable.Repeat(i, 16).ToArray()),
            };
            caller.SendTo(frame.AsSpan(0, MdFrame.Encode(frame, request, [])), SocketFlags.None, new IPEndPoint(SocketAddresses.ToIPAddress(replier), mdPort));
            var length = caller.Receive(reply);
            Assert.Equal(FrameCheck.Ok, MdFrame.TryDecode(reply.AsSpan(0, length), out var mp));
            Assert.Equal((TrdpMessageType.Mp, 5u), (mp.MessageType, mp.DatasetLength));
            counters.Add(BinaryPrimitives.ReadUInt32BigEndian(reply.AsSpan(MdFrame.HeaderSize)));
            Assert.Equal(7, reply[MdFrame.HeaderSize + 4]);
        }

        await host.StopAsync();
        Assert.Equal([100u, 101u, 102u], counters);
    }
}
