using static TrdpSim.Tests.Faults.Md.MdFaultAssert;

namespace TrdpSim.Tests.Faults.Md;

/// <summary>A multi-homed replier answers a UDP request on the interface it arrived on: 'Mp' and 'Mq' from that
/// interface's MD port, 'Me' from an ephemeral socket on that interface's address (trdp-wire.md §8.1), so a caller
/// that reaches it on one path only is answered on that path.</summary>
public sealed class MultiHomedMdReplyTests
{
    private const uint SecondInterface = 0x0A000113; // B's second address, 10.0.1.19

    private static RunPlan MultiHomedReplier(uint destination, bool confirm = false)
    {
        var plan = MdFaultRig.Plan(count: 5, confirm: confirm);
        plan.Devices[1].Interfaces.AddRange([MdFaultRig.ReplierAddress, SecondInterface]);
        plan.Devices[0].MdCallers[0].Destination = destination;
        return plan;
    }

    /// <summary>A network that keeps the source of every MD frame of <paramref name="type"/>.</summary>
    private static InMemoryUdpTransport Collecting(List<Ip4Endpoint> sources, TrdpMessageType type) => new(queueCapacity: 8192)
    {
        Observer = (source, _, payload) =>
        {
            if (MdFrame.TryDecode(payload, out var header) == FrameCheck.Ok && header.MessageType == type)
            {
                sources.Add(source);
            }
        },
    };

    [Theory]
    [InlineData(MdFaultRig.ReplierAddress)]
    [InlineData(SecondInterface)]
    public void ARequestIsAnsweredFromTheMdPortOfTheInterfaceItArrivedOn(uint destination)
    {
        var replies = new List<Ip4Endpoint>();
        var plan = MultiHomedReplier(destination);
        using var rig = MdFaultRig.Create(plan, Collecting(replies, TrdpMessageType.Mp));
        rig.StartCallers();
        Assert.True(rig.RunUntil(() => rig.Caller.Ok >= 5), $"ok {rig.Caller.Ok}");

        Assert.Equal(5, replies.Count);
        Assert.All(replies, r => Assert.Equal(new Ip4Endpoint(destination, plan.Network.MdPort), r));
        Assert.Equal(0, rig.Caller.RepliesFromOtherPort);
    }

    [Fact]
    public void AReplyWantingConfirmationLeavesFromTheSecondInterfaceAndIsConfirmed()
    {
        var replies = new List<Ip4Endpoint>();
        var plan = MultiHomedReplier(SecondInterface, confirm: true);
        using var rig = MdFaultRig.Create(plan, Collecting(replies, TrdpMessageType.Mq));
        rig.StartCallers();
        Assert.True(rig.RunUntil(() => rig.Replier.ConfirmsReceived >= 5), $"confirms {rig.Replier.ConfirmsReceived}");

        Assert.Equal(5, replies.Count);
        Assert.All(replies, r => Assert.Equal(new Ip4Endpoint(SecondInterface, plan.Network.MdPort), r));
    }

    [Fact]
    public void ARequestWithoutAListenerGetsItsErrorFromTheInterfaceItArrivedOn()
    {
        var errors = new List<Ip4Endpoint>();
        var plan = MultiHomedReplier(SecondInterface);
        plan.Devices[0].MdCallers[0].ComId = 7001; // B listens on 7000 only
        using var rig = MdFaultRig.Create(plan, Collecting(errors, TrdpMessageType.Me));
        rig.StartCallers();
        Assert.True(rig.RunUntil(() => rig.Caller.ErrorNoReplier >= 5), $"errors {rig.Caller.ErrorNoReplier}");

        Assert.Equal(5, errors.Count);
        Assert.All(errors, e => Assert.Equal(SecondInterface, e.Address));
        Assert.All(errors, e => Assert.NotEqual(plan.Network.MdPort, e.Port)); // from an ephemeral socket, as TCNopen
    }

    [Theory]
    [InlineData(MdFaultRig.ReplierAddress)]
    [InlineData(SecondInterface)]
    public void AReplyFromTheWrongPortStillLeavesOnTheInterfaceItsRequestArrivedOn(uint destination)
    {
        var replies = new List<Ip4Endpoint>();
        var plan = MultiHomedReplier(destination);
        using var rig = MdFaultRig.Create(plan, Collecting(replies, TrdpMessageType.Mp));
        var fault = Attach(rig, Fault(FaultKind.WrongPortReply, "B"));
        rig.StartCallers();
        Assert.True(rig.RunUntil(() => rig.Caller.Ok >= 5), $"ok {rig.Caller.Ok}");

        Assert.Equal(5, fault.Strikes);
        Assert.Equal(5, replies.Count);
        Assert.All(replies, r => Assert.Equal(destination, r.Address)); // the path the request came by
        Assert.All(replies, r => Assert.NotEqual(plan.Network.MdPort, r.Port)); // but not from the MD port
        Assert.Equal(5, rig.Caller.RepliesFromOtherPort);
    }
}
