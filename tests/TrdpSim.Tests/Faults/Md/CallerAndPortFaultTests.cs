using static TrdpSim.Tests.Faults.Md.MdFaultAssert;

namespace TrdpSim.Tests.Faults.Md;

/// <summary>Missing confirm (caller side) and wrong-port reply, with their effect on both ends.</summary>
public sealed class CallerAndPortFaultTests
{
    [Fact]
    public void MissingConfirmLeavesTheReplierToItsConfirmTimeout()
    {
        using var rig = MdFaultRig.Create(MdFaultRig.Plan(count: 300, confirm: true, confirmTimeoutMs: 100));
        var fault = Attach(rig, Fault(FaultKind.MissingConfirm, "A", probability: 0.4));

        rig.RunAll();

        var struck = fault.Strikes;
        Binomial(struck, 300, 0.4);
        var caller = rig.Caller;
        Assert.Equal(300, caller.Ok);                    // the caller got its replies
        Assert.Equal(300 - struck, caller.ConfirmsSent); // but confirmed only the rest
        var replier = rig.Replier;
        Assert.Equal(struck, replier.ConfirmTimeouts);
        Assert.Equal(300 - struck, replier.ConfirmsReceived);
    }

    [Fact]
    public void WrongPortReplyLeavesFromAnotherPortAndTheCallerStillMatchesIt()
    {
        var network = new InMemoryUdpTransport(queueCapacity: 8192);
        var fromMdPort = 0;
        var fromOtherPort = 0;
        network.Observer = (source, _, payload) =>
        {
            if (MdFrame.TryDecode(payload, out var header) == FrameCheck.Ok && header.MessageType == TrdpMessageType.Mp)
            {
                if (source.Port == TrdpPorts.MessageData)
                {
                    fromMdPort++;
                }
                else
                {
                    fromOtherPort++;
                }
            }
        };
        using var rig = MdFaultRig.Create(MdFaultRig.Plan(count: 300), network);
        var fault = Attach(rig, Fault(FaultKind.WrongPortReply, "B", probability: 0.5));

        rig.RunAll();

        var struck = fault.Strikes;
        Binomial(struck, 300, 0.5);
        Assert.Equal(struck, fromOtherPort);
        Assert.Equal(300 - struck, fromMdPort);
        Assert.Equal(300, rig.Replier.Replies);
        Assert.Equal(300, rig.Caller.Ok);
        Assert.Equal(struck, rig.Caller.RepliesFromOtherPort);
    }
}
