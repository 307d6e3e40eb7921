using TrdpSim.Devices.Md;

namespace TrdpSim.Tests.Faults.Md;

/// <summary>A multi-homed replier joins its listener's group on every interface the listener is scoped to (all by
/// default). One multicast datagram heard by several of its interfaces (as on loopback) is one request: taken once,
/// answered once from the interface it first arrived on, the other interfaces' copies counted as redundant only
/// (configs/README.md, "Multi-homing").</summary>
public sealed class MultiHomedMdGroupTests
{
    private const uint SecondInterface = 0x0A000113; // B's second address, 10.0.1.19
    private const uint Group = 0xEF606102; // 239.96.97.2

    private static RunPlan GroupPlan(MdCallKind kind = MdCallKind.Request, params string[] scope)
    {
        var plan = MdFaultRig.Plan(count: 5);
        plan.Devices[0].MdCallers[0].Destination = Group;
        plan.Devices[0].MdCallers[0].Kind = kind;
        plan.Devices[1].Interfaces.AddRange([MdFaultRig.ReplierAddress, SecondInterface]);
        plan.Devices[1].MdRepliers[0].Group = Group;
        plan.Devices[1].MdRepliers[0].InterfaceScope.AddRange(scope);
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

    [Fact]
    public void AGroupRequestHeardOnBothInterfacesIsOneRequestAnsweredOnce()
    {
        var replies = new List<Ip4Endpoint>();
        var plan = GroupPlan();
        using var rig = MdFaultRig.Create(plan, Collecting(replies, TrdpMessageType.Mp));
        rig.StartCallers();
        Assert.True(rig.RunUntil(() => rig.Caller.Ok >= 5 && rig.Replier.Redundant >= 5), $"ok {rig.Caller.Ok}, redundant {rig.Replier.Redundant}");

        var replier = rig.Replier;
        Assert.Equal((5L, 5L, 5L, 0L), (replier.Requests, replier.Replies, replier.Redundant, replier.Duplicates));
        Assert.Equal(5, replies.Count); // never answered twice
        Assert.All(replies, r => Assert.Equal(new Ip4Endpoint(MdFaultRig.ReplierAddress, plan.Network.MdPort), r)); // the first copy's interface
        Assert.Equal((5L, 0L), (rig.Caller.Ok, rig.Caller.Timeouts));
        Assert.Equal(0, Volatile.Read(ref rig.Run.Telemetry.MdUnmatched));
    }

    [Fact]
    public void AGroupNotificationHeardOnBothInterfacesIsDeliveredOnce()
    {
        using var rig = MdFaultRig.Create(GroupPlan(MdCallKind.Notify));
        rig.StartCallers();
        Assert.True(rig.RunUntil(() => rig.Replier.Redundant >= 5), $"redundant {rig.Replier.Redundant}");

        Assert.Equal((5L, 5L), (rig.Replier.Notifications, rig.Replier.Redundant));
        Assert.Equal(0, Volatile.Read(ref rig.Run.Telemetry.MdUnmatched));
    }

    [Fact]
    public void AListenerScopedToTheSecondInterfaceJoinsItsGroupThereOnlyAndAnswersFromThere()
    {
        var replies = new List<Ip4Endpoint>();
        var plan = GroupPlan(MdCallKind.Request, "b");
        using var rig = MdFaultRig.Create(plan, Collecting(replies, TrdpMessageType.Mp));
        rig.StartCallers();
        Assert.True(rig.RunUntil(() => rig.Caller.Ok >= 5), $"ok {rig.Caller.Ok}");

        Assert.Equal((5L, 0L), (rig.Replier.Requests, rig.Replier.Redundant));
        Assert.Equal(5, replies.Count);
        Assert.All(replies, r => Assert.Equal(new Ip4Endpoint(SecondInterface, plan.Network.MdPort), r));
    }

    private static MdHeader Notification(uint comId = 7000) => new() { MessageType = TrdpMessageType.Mn, ComId = comId, HeaderFcs = 0x1234 };

    [Fact]
    public void IdenticalNotificationsAreToldApartByTheInterfacesThatHeardThem()
    {
        var copies = new MdGroupCopies();
        var caller = new Ip4Endpoint(MdFaultRig.CallerAddress, 40000);
        var n = Notification();

        // Two notifications with the same header, each heard on a then b, interleaved: two new, two copies.
        Assert.False(copies.IsCopy(n, caller, 0, 1_000, out _));
        Assert.False(copies.IsCopy(n, caller, 0, 2_000, out _));
        Assert.True(copies.IsCopy(n, caller, 1, 3_000, out var first));
        Assert.Equal(0, first);
        Assert.True(copies.IsCopy(n, caller, 1, 4_000, out _));
        // A third one heard on b first is new; its copy on a is a copy.
        Assert.False(copies.IsCopy(n, caller, 1, 5_000, out _));
        Assert.True(copies.IsCopy(n, caller, 0, 6_000, out first));
        Assert.Equal(1, first);
        // Another sender, or the same sender beyond the window, is a new frame.
        Assert.False(copies.IsCopy(n, caller with { Port = 40001 }, 1, 7_000, out _));
        Assert.False(copies.IsCopy(n, caller, 1, 7_000 + MdGroupCopies.WindowNanoseconds + 2_000, out _));
    }
}
