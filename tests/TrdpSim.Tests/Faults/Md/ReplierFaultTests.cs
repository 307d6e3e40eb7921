using static TrdpSim.Tests.Faults.Md.MdFaultAssert;

namespace TrdpSim.Tests.Faults.Md;

/// <summary>Withheld reply, late reply and Me error seen from both ends: the replier's and the caller's
/// MD counters, over the in-memory network.</summary>
public sealed class ReplierFaultTests
{
    [Fact]
    public void WithheldReplyLeavesStruckRequestsUnansweredAndTheCallerRetriesThenTimesOut()
    {
        using var rig = MdFaultRig.Create(MdFaultRig.Plan(count: 500, timeoutMs: 300, retries: 2));
        var fault = Attach(rig, Fault(FaultKind.WithheldReply, "B", probability: 0.3));

        rig.RunAll();

        var struck = fault.Strikes;
        Binomial(struck, 500, 0.3);
        var replier = rig.Replier;
        Assert.Equal(500, replier.Requests);
        Assert.Equal(struck, replier.NoReplies);
        Assert.Equal(500 - struck, replier.Replies);
        Assert.Equal(2 * struck, replier.Duplicates); // the silent session swallows both retries
        var caller = rig.Caller;
        Assert.Equal(struck, caller.Timeouts);
        Assert.Equal(2 * struck, caller.Retries);
        Assert.Equal(500 - struck, caller.Ok);
    }

    [Fact]
    public void LateReplyWithinTheTimeoutStretchesBothSidesLatency()
    {
        using var rig = MdFaultRig.Create(MdFaultRig.Plan(count: 100, timeoutMs: 5000));
        var plan = Fault(FaultKind.LateReply, "B");
        plan.Delay = "constant:40ms";
        var fault = Attach(rig, plan);

        rig.RunAll();

        Assert.Equal(100, fault.Strikes);
        Assert.Equal(100, rig.Caller.Ok);
        Assert.Equal(100, rig.Replier.Replies);
        Assert.Equal(0, rig.Replier.LateReplies);
        // Lower bounds only: a held-back reply can come later than planned on a loaded machine, never earlier.
        Assert.True(rig.Group("answer", MdRole.Replier).Latency.Refresh().P50 >= 39_900_000);
        Assert.True(rig.Group("ask", MdRole.Caller).Latency.Refresh().P50 >= 39_900_000);
    }

    [Fact]
    public void LateReplyBeyondTheTimeoutIsCountedLateByTheReplierAndAsTimeoutByTheCaller()
    {
        using var rig = MdFaultRig.Create(MdFaultRig.Plan(count: 60, timeoutMs: 30));
        var plan = Fault(FaultKind.LateReply, "B");
        plan.Delay = "constant:100ms";
        var fault = Attach(rig, plan);

        rig.RunAll();

        Assert.Equal(60, fault.Strikes);
        Assert.Equal(60, rig.Replier.Replies);
        Assert.Equal(60, rig.Replier.LateReplies);
        Assert.Equal(60, rig.Caller.Timeouts);
        Assert.Equal(0, rig.Caller.Ok);
        Assert.Equal(60, rig.Run.Telemetry.MdUnmatched); // each late reply meets a closed session
    }

    [Theory]
    [InlineData(-3)]
    [InlineData(-4)]
    [InlineData(-7)]
    public void MeErrorAnswersStruckRequestsWithTheConfiguredStatus(int status)
    {
        using var rig = MdFaultRig.Create(MdFaultRig.Plan(count: 400));
        var plan = Fault(FaultKind.MeError, "B", probability: 0.5);
        plan.ErrorStatus = status;
        var fault = Attach(rig, plan);

        rig.RunAll();

        var struck = fault.Strikes;
        Binomial(struck, 400, 0.5);
        Assert.Equal(struck, rig.Replier.ErrorsSent);
        Assert.Equal(400 - struck, rig.Replier.Replies);
        var caller = rig.Caller;
        Assert.Equal(400 - struck, caller.Ok);
        Assert.Equal(status == -3 ? struck : 0, caller.ErrorNoReplier);
        Assert.Equal(status == -4 ? struck : 0, caller.ErrorNoMemory);
        Assert.Equal(status == -7 ? struck : 0, caller.ErrorOther);
        Assert.Equal(0, caller.Timeouts);
    }
}
