using TrdpSim.Distributions;
using TrdpSim.Pipeline;

namespace TrdpSim.Faults.Internal;

/// <summary>An MD listener that withholds its reply (the caller times out).</summary>
internal sealed class WithheldReplyLink(LinkedFault fault, Outlet outlet, RandomStream rng) : FaultLink(fault, outlet, rng)
{
    public override LinkStage Stage => LinkStage.Reply;

    public override void ShapeReply(ref ReplyDecision decision, long callerTimeoutNanoseconds, ref bool fromAlternatePort)
    {
        if (Rng.NextDouble() < Probability * Intensity && decision.Action != ReplyAction.NoReply)
        {
            decision = new ReplyDecision(ReplyAction.NoReply, 0, 0);
            Fault.Strikes++;
        }
    }
}

/// <summary>An MD listener that answers later than planned, by a drawn extra delay (a late reply when it
/// passes the caller's timeout).</summary>
internal sealed class LateReplyLink(LinkedFault fault, Outlet outlet, RandomStream rng, DelayDistribution delay) : FaultLink(fault, outlet, rng)
{
    public override LinkStage Stage => LinkStage.Reply;

    public override void ShapeReply(ref ReplyDecision decision, long callerTimeoutNanoseconds, ref bool fromAlternatePort)
    {
        var intensity = Intensity;
        if (!(Rng.NextDouble() < Probability * intensity) ||
            decision.Action is not (ReplyAction.Reply or ReplyAction.LateReply))
        {
            return;
        }

        var extra = DelayMath.ToNanoseconds(delay.Sample(ref Rng) * intensity);
        var total = decision.DelayNanoseconds > long.MaxValue - extra ? long.MaxValue : decision.DelayNanoseconds + extra;
        var action = callerTimeoutNanoseconds > 0 && total >= callerTimeoutNanoseconds ? ReplyAction.LateReply : decision.Action;
        decision = new ReplyDecision(action, total, 0);
        Fault.Strikes++;
    }
}

/// <summary>An MD listener that answers with an 'Me' of the fault's status instead of a reply.</summary>
internal sealed class MeErrorLink(LinkedFault fault, Outlet outlet, RandomStream rng) : FaultLink(fault, outlet, rng)
{
    private readonly int _status = fault.Plan.ErrorStatus;

    public override LinkStage Stage => LinkStage.Reply;

    public override void ShapeReply(ref ReplyDecision decision, long callerTimeoutNanoseconds, ref bool fromAlternatePort)
    {
        if (Rng.NextDouble() < Probability * Intensity &&
            !(decision.Action == ReplyAction.Error && decision.ErrorStatus == _status && decision.DelayNanoseconds == 0))
        {
            decision = new ReplyDecision(ReplyAction.Error, 0, _status);
            Fault.Strikes++;
        }
    }
}

/// <summary>An MD listener over UDP that answers from another socket than its MD port.</summary>
internal sealed class WrongPortReplyLink(LinkedFault fault, Outlet outlet, RandomStream rng) : FaultLink(fault, outlet, rng)
{
    public override LinkStage Stage => LinkStage.Reply;

    public override void ShapeReply(ref ReplyDecision decision, long callerTimeoutNanoseconds, ref bool fromAlternatePort)
    {
        if (Rng.NextDouble() < Probability && Intensity > 0 && !fromAlternatePort &&
            decision.Action is ReplyAction.Reply or ReplyAction.LateReply)
        {
            fromAlternatePort = true;
            Fault.Strikes++;
        }
    }
}

/// <summary>An MD caller that does not confirm an 'Mq' (the replier's confirm timer runs out).</summary>
internal sealed class MissingConfirmLink(LinkedFault fault, Outlet outlet, RandomStream rng) : FaultLink(fault, outlet, rng)
{
    public override LinkStage Stage => LinkStage.Confirm;

    public override bool WithholdsConfirm()
    {
        if (Rng.NextDouble() < Probability * Intensity)
        {
            Fault.Strikes++;
            return true;
        }

        return false;
    }
}
