using TrdpSim.Tests.Infrastructure;

namespace TrdpSim.IntegrationTests.MessageData;

/// <summary>Requests captured from TCNopen's caller, replayed at a trdpsim replier: the answers must have
/// the reference stack's semantics (ports, session id, ComId, URIs swapped, status, sequence).</summary>
public sealed class CapturedRequestReplayTests
{
    private static IPAddress Ip(uint address) => new(BinaryPrimitives.ReverseEndianness(address));

    private static (MdHeader Header, byte[] Frame, IPEndPoint From) Receive(Socket socket)
    {
        var buffer = new byte[65536];
        EndPoint from = new IPEndPoint(IPAddress.Any, 0);
        socket.ReceiveTimeout = 2000;
        var length = socket.ReceiveFrom(buffer, ref from);
        var frame = buffer.AsSpan(0, length).ToArray();
        Assert.Equal(FrameCheck.Ok, MdFrame.TryDecode(frame, out var header));
        return (header, frame, (IPEndPoint)from);
    }

    [Fact]
    public async Task ReplaysOfCapturedRequestsAreAnsweredLikeTheReferenceStack()
    {
        var plan = MdPlans.Pair(out var callerAddress, out var replier, out var mdPort);
        plan.Devices[1].MdRepliers.Add(new MdReplierPlan { Name = "single", ComId = 1001, SourceUri = "test_mdSingle", PayloadLength = 17 });
        plan.Devices[1].MdRepliers.Add(new MdReplierPlan
        {
            Name = "confirm", ComId = 1002, SourceUri = "test_mdSingle", Reply = MdReplyKind.ReplyWithConfirm, ConfirmTimeout = TimeSpan.FromSeconds(10), PayloadLength = 23,
        });
        await using var host = RunHost.Create(plan, new RunHostOptions());
        await host.StartAsync();

        // The caller side is a plain socket on an ephemeral port, plus one on the MD port for 'Me'.
        using var caller = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        caller.Bind(new IPEndPoint(Ip(callerAddress), 0));
        using var errors = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        errors.Bind(new IPEndPoint(Ip(callerAddress), mdPort));
        var target = new IPEndPoint(Ip(replier), mdPort);

        // md-request-reply.pcap frame 1: Mr comId 1001 → Mp to the request's source port, from the MD port.
        var request = TestVectors.Frame("md-request-reply.pcap", 1).Payload;
        MdFrame.TryDecode(request, out var mr);
        caller.SendTo(request, target);
        var (mp, _, from) = Receive(caller);
        Assert.Equal(TrdpMessageType.Mp, mp.MessageType);
        Assert.Equal(mdPort, from.Port);
        Assert.Equal(mr.SessionId, mp.SessionId);
        Assert.Equal(mr.SequenceCounter, mp.SequenceCounter);
        Assert.Equal(1001u, mp.ComId);
        Assert.Equal(0, mp.ReplyStatus);
        Assert.Equal(0u, mp.ReplyTimeoutMicros);
        Assert.Equal("test_mdSingle", mp.SourceUri.ToString());
        Assert.Equal(mr.SourceUri.ToString(), mp.DestinationUri.ToString());
        Assert.Equal(17u, mp.DatasetLength);

        // md-replier-checks.pcap frame 19 (Mr seq 7, URIs 'pyCaller'): the reply copies seq 7 and swaps URIs.
        var seven = TestVectors.Frame("md-replier-checks.pcap", 1).Payload;
        MdFrame.TryDecode(seven, out var pyCaller);
        caller.SendTo(seven, target);
        var (pyReply, _, _) = Receive(caller);
        Assert.Equal("pyCaller", pyReply.DestinationUri.ToString());
        Assert.Equal(pyCaller.SessionId, pyReply.SessionId);

        // md-request-reply-confirm: an Mr answered with Mq carrying the confirm timeout; our Mc closes it.
        var confirmRequest = new MdHeader { MessageType = TrdpMessageType.Mr, ComId = 1002, SessionId = SessionId.FromBytes(Enumerable.Repeat((byte)0x21, 16).ToArray()), ReplyTimeoutMicros = 2_000_000, SourceUri = TrdpUri.FromString("pyCaller") };
        var frame = new byte[MdFrame.MaxFrameSize];
        caller.SendTo(frame.AsSpan(0, MdFrame.Encode(frame, confirmRequest, new byte[3])), SocketFlags.None, target);
        var (mq, _, _) = Receive(caller);
        Assert.Equal(TrdpMessageType.Mq, mq.MessageType);
        Assert.Equal(10_000_000u, mq.ReplyTimeoutMicros);
        var mc = new MdHeader { MessageType = TrdpMessageType.Mc, SessionId = mq.SessionId, SourceUri = mq.DestinationUri, DestinationUri = mq.SourceUri };
        caller.SendTo(frame.AsSpan(0, MdFrame.Encode(frame, mc, [])), SocketFlags.None, target);

        // md-error.pcap frame 1: Mr comId 4000, no listener → Me -3 to the caller's MD port, comId 0, seq 0, empty URIs.
        var unknown = TestVectors.Frame("md-error.pcap", 1).Payload;
        MdFrame.TryDecode(unknown, out var mr4000);
        caller.SendTo(unknown, target);
        var (me, _, _) = Receive(errors);
        Assert.Equal(TrdpMessageType.Me, me.MessageType);
        Assert.Equal(ReplyStatus.NoReplier, me.ReplyStatus);
        Assert.Equal(mr4000.SessionId, me.SessionId);
        Assert.Equal(0u, me.ComId);
        Assert.Equal(0u, me.SequenceCounter);
        Assert.True(me.SourceUri.IsEmpty && me.DestinationUri.IsEmpty);

        // md-notify.pcap: a notification is never answered.
        caller.SendTo(TestVectors.Frame("md-notify.pcap", 1).Payload, target);
        await Task.Delay(200);
        Assert.Equal(0, caller.Available);
        await host.StopAsync();

        Assert.Equal(1, MdPlans.Counters(host, "confirm", MdRole.Replier).ConfirmsReceived);
        Assert.Equal(1, MdPlans.Counters(host, "single", MdRole.Replier).Notifications);
    }
}
