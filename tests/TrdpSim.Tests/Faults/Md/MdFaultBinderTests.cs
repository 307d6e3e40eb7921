using TrdpSim.Devices.Md;
using TrdpSim.Faults.Md;
using static TrdpSim.Tests.Faults.Md.MdFaultAssert;

namespace TrdpSim.Tests.Faults.Md;

/// <summary>The binder's contract: targets, parameter errors, intensity, detach and determinism.</summary>
public sealed class MdFaultBinderTests
{
    public static TheoryData<string, Action<FaultPlan>, string> BadFaults => new()
    {
        { "unknown device", f => f.Target.Device = "Z", "no device 'Z'" },
        { "device without MD", f => f.Target.Device = "C", "device 'C' has no message data" },
        { "unknown replier name", f => f.Target.Telegram = "nope", "no MD replier (md-reply) matches target B/nope" },
        { "comId of nobody", f => f.Target.ComId = 1, "no MD replier (md-reply) matches target B comId 1" },
        { "replier fault on a caller-only device", f => f.Target.Device = "A", "no MD replier (md-reply) matches target A" },
        { "caller fault on a replier-only device", f => f.Kind = FaultKind.MissingConfirm, "no MD request caller (md-call) matches target B" },
        { "PD kind", f => f.Kind = FaultKind.Loss, "Loss is not a message-data fault" },
        { "probability above 1", f => f.Probability = 1.5, "probability must be between 0 and 1 (got 1.5)" },
        { "probability NaN", f => f.Probability = double.NaN, "probability must be between 0 and 1" },
        { "negative intensity", f => f.Intensity = -0.1, "intensity must be between 0 and 1" },
        { "bad delay", f => { f.Kind = FaultKind.LateReply; f.Delay = "bogus:1ms"; }, "delay 'bogus:1ms'" },
        { "non-negative Me status", f => { f.Kind = FaultKind.MeError; f.ErrorStatus = 0; }, "error status must be negative" },
    };

    [Theory]
    [MemberData(nameof(BadFaults))]
    public void BadTargetOrParameterIsAnErrorNotAFault(string why, Action<FaultPlan> spoil, string expected)
    {
        var plan = MdFaultRig.Plan(count: 1);
        plan.Devices.Add(new DevicePlan { Name = "C", Address = 0x0A000104 });
        using var rig = MdFaultRig.Create(plan);
        var fault = Fault(FaultKind.WithheldReply, "B");
        spoil(fault);

        var errors = new List<string>();
        var injected = MdFaultBinder.Attach(rig.Run.Outlets, rig.Wheel, fault, rig.Seed, errors);

        Assert.Null(injected);
        var error = Assert.Single(errors);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.StartsWith($"fault '{fault.Name}': ", error, StringComparison.Ordinal);
        Assert.True(why.Length > 0);
        Assert.Null(Listener(rig).Outlet.Stage); // nothing half-attached
    }

    [Fact]
    public void TargetsSelectDevicesByNameOrStarAndRepliersByNameAndComId()
    {
        var plan = MdFaultRig.Plan(count: 1);
        plan.Devices[1].MdRepliers.Add(new MdReplierPlan { Name = "other", ComId = 7001 });
        var d = new DevicePlan { Name = "D", Address = 0x0A000105 };
        d.MdRepliers.Add(new MdReplierPlan { Name = "answer", ComId = 7000 });
        plan.Devices.Add(d);
        using var rig = MdFaultRig.Create(plan);

        Assert.Equal(3, Attach(rig, Fault(FaultKind.WithheldReply, "*")).TargetCount);
        Assert.Equal(2, Attach(rig, Fault(FaultKind.WithheldReply, "B")).TargetCount);
        Assert.Equal(2, Attach(rig, Fault(FaultKind.WithheldReply, "*", telegram: "answer")).TargetCount);
        var byComId = Fault(FaultKind.WithheldReply, "B");
        byComId.Target.ComId = 7001;
        Assert.Equal(1, Attach(rig, byComId).TargetCount);
        Assert.Equal(1, Attach(rig, Fault(FaultKind.MissingConfirm, "*")).TargetCount);
    }

    [Theory]
    [InlineData(FaultKind.WithheldReply)]
    [InlineData(FaultKind.LateReply)]
    [InlineData(FaultKind.MeError)]
    [InlineData(FaultKind.MissingConfirm)]
    [InlineData(FaultKind.WrongPortReply)]
    public void IntensityZeroHasNoEffect(FaultKind kind)
    {
        using var rig = MdFaultRig.Create(MdFaultRig.Plan(count: 50, confirm: true));
        var plan = Fault(kind, kind == FaultKind.MissingConfirm ? "A" : "B");
        plan.Delay = "constant:5s";
        plan.Intensity = 0;
        var fault = Attach(rig, plan);

        rig.RunAll();

        Assert.Equal(0, fault.Strikes);
        Assert.Equal(50, rig.Caller.Ok);
        Assert.Equal(50, rig.Caller.ConfirmsSent);
        Assert.Equal(0, rig.Caller.RepliesFromOtherPort);
        Assert.Equal(50, rig.Replier.ConfirmsReceived);
    }

    [Fact]
    public void AttachStartsAtThePlannedIntensityWhichScalesProbabilityAndDelay()
    {
        using var rig = MdFaultRig.Create(MdFaultRig.Plan(count: 1));
        var withheld = Fault(FaultKind.WithheldReply, "B", probability: 0.8);
        withheld.Intensity = 0.5;
        var late = Fault(FaultKind.LateReply, "B");
        late.Delay = "constant:100ms";
        late.Intensity = 0.25;
        var withheldFault = Attach(rig, withheld);
        Assert.Equal(0.5, withheldFault.Intensity);
        var lateFault = Attach(rig, late);

        var silent = 0;
        var delayed = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var decision = new ReplyDecision(ReplyAction.Reply, 1_000_000, 0);
            var otherPort = false;
            Listener(rig).Outlet.Stage!.ShapeReply(ref decision, 1_000_000_000, ref otherPort);
            if (decision.Action == ReplyAction.NoReply)
            {
                silent++;
                continue;
            }

            Assert.Equal(ReplyAction.Reply, decision.Action);
            if (decision.DelayNanoseconds != 1_000_000)
            {
                Assert.Equal(1_000_000 + 25_000_000, decision.DelayNanoseconds); // 100 ms × 0.25 on top of the plan's 1 ms
                delayed++;
            }
        }

        Binomial(silent, 20_000, 0.8 * 0.5);
        Binomial(delayed, 20_000 - silent, 1 * 0.25);
        Assert.Equal(delayed, lateFault.Strikes);

        // A delay that reaches the caller's timeout turns the answer into a deliberate late reply.
        var slow = new ReplyDecision(ReplyAction.Reply, 10_000_000, 0);
        var port = false;
        withheldFault.Intensity = 0;
        lateFault.Intensity = 1;
        Listener(rig).Outlet.Stage!.ShapeReply(ref slow, 30_000_000, ref port);
        Assert.Equal(new ReplyDecision(ReplyAction.LateReply, 110_000_000, 0), slow);
    }

    [Fact]
    public void StackedFaultsApplyInOrderAndDetachOneByOne()
    {
        using var rig = MdFaultRig.Create(MdFaultRig.Plan(count: 1));
        var withheld = Attach(rig, Fault(FaultKind.WithheldReply, "B"));
        var meError = Attach(rig, Fault(FaultKind.MeError, "B"));
        Assert.Equal(ReplyAction.Error, Decide(rig).Action);

        meError.Detach();
        Assert.False(meError.Attached);
        Assert.Equal(ReplyAction.NoReply, Decide(rig).Action);

        withheld.Detach();
        withheld.Detach(); // safe twice
        Assert.Null(Listener(rig).Outlet.Stage);
        Assert.Equal(ReplyAction.Reply, Decide(rig).Action);
    }

    [Fact]
    public void DetachRestoresThePlannedBehaviourExactly()
    {
        static MdFaultRig Shaped()
        {
            var plan = MdFaultRig.Plan(count: 400);
            plan.Devices[1].MdRepliers[0].NoReplyProbability = 0.2;
            plan.Devices[1].MdRepliers[0].ErrorProbability = 0.1;
            plan.Devices[0].MdCallers[0].ReplyTimeout = TimeSpan.FromMilliseconds(200);
            return MdFaultRig.Create(plan);
        }

        using var untouched = Shaped();
        untouched.RunAll();
        using var repaired = Shaped();
        foreach (var kind in new[] { FaultKind.WithheldReply, FaultKind.LateReply, FaultKind.MeError, FaultKind.WrongPortReply })
        {
            Attach(repaired, Fault(kind, "B")).Detach();
        }

        Attach(repaired, Fault(FaultKind.MissingConfirm, "A")).Detach();
        repaired.RunAll();

        Assert.Equal(untouched.Replier.NoReplies, repaired.Replier.NoReplies);
        Assert.Equal(untouched.Replier.ErrorsSent, repaired.Replier.ErrorsSent);
        Assert.Equal(untouched.Replier.Replies, repaired.Replier.Replies);
        // Which replies reach the caller in time depends on the host's timing (the rig runs on the real
        // clock); the outcomes together do not: every call ends as a reply in time or a timeout.
        Assert.Equal(Outcomes(untouched.Caller), Outcomes(repaired.Caller));
        Assert.Equal(0, repaired.Caller.RepliesFromOtherPort);
    }

    private static long Outcomes(MdCounters caller) =>
        caller.Ok + caller.Timeouts + caller.ErrorNoReplier + caller.ErrorNoMemory + caller.ErrorOther;

    [Fact]
    public void DetachWhileRunningStopsTheStrikes()
    {
        using var rig = MdFaultRig.Create(MdFaultRig.Plan(count: 400, timeoutMs: 200));
        var fault = Attach(rig, Fault(FaultKind.WithheldReply, "B"));
        rig.StartCallers();
        Assert.True(rig.RunUntil(() => rig.Replier.Requests >= 100));

        fault.Detach();
        var struck = fault.Strikes;
        Assert.True(rig.RunUntil(() => rig.Caller.Ok + rig.Caller.Timeouts == 400));

        Assert.True(struck >= 100);
        Assert.Equal(struck, fault.Strikes);
        Assert.Equal(struck, rig.Replier.NoReplies);
        Assert.Equal(struck, rig.Caller.Timeouts);
        Assert.Equal(400 - struck, rig.Caller.Ok);
    }

    [Fact]
    public void SameSeedStrikesTheSameTransactions()
    {
        long Run()
        {
            using var rig = MdFaultRig.Create(MdFaultRig.Plan(count: 300));
            var fault = Attach(rig, Fault(FaultKind.MeError, "B", probability: 0.5));
            rig.RunAll();
            Assert.Equal(fault.Strikes, rig.Caller.ErrorNoReplier);
            return fault.Strikes;
        }

        Assert.Equal(Run(), Run());
    }

    private static MdListener Listener(MdFaultRig rig) => rig.Run.MdStations[1].Listeners[0];

    private static ReplyDecision Decide(MdFaultRig rig)
    {
        var decision = new ReplyDecision(ReplyAction.Reply, 0, 0);
        var otherPort = false;
        if (Listener(rig).Outlet.Stage is { } hooks)
        {
            hooks.ShapeReply(ref decision, 1_000_000_000, ref otherPort);
        }

        return decision;
    }
}
