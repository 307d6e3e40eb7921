using TrdpSim.Devices.Md;
using TrdpSim.Distributions;

namespace TrdpSim.Faults.Md;

/// <summary>Late reply: with probability × intensity, a reply is held back by an extra delay drawn from the
/// fault's distribution and scaled by the intensity.</summary>
/// <remarks>Only answers ('Mp'/'Mq') are delayed; silence and 'Me' decisions pass unchanged. A delay that
/// reaches the caller's reply timeout makes the answer a <see cref="ReplyAction.LateReply"/>, so the
/// replier's <c>late_replies</c> counter shows it (the caller counts a timeout, or a retry that the late
/// answer then completes). The extra delay is drawn only for struck requests.</remarks>
internal sealed class LateReplyHook : MdReplierHook
{
    private readonly MdInjectedFault _fault;
    private readonly double _probability;
    private readonly DelayDistribution _delay;
    private RandomStream _random;

    public LateReplyHook(MdInjectedFault fault, DelayDistribution delay, RandomStream random)
    {
        _fault = fault;
        _probability = fault.Plan.Probability;
        _delay = delay;
        _random = random;
    }

    internal override void Apply(ref ReplyDecision decision, long callerTimeoutNanoseconds, ref bool fromOtherPort)
    {
        var intensity = _fault.Intensity;
        if (!(_random.NextDouble() < _probability * intensity) ||
            decision.Action is not (ReplyAction.Reply or ReplyAction.LateReply))
        {
            return;
        }

        var extra = DelayMath.ToNanoseconds(_delay.Sample(ref _random) * intensity);
        var delay = decision.DelayNanoseconds > long.MaxValue - extra ? long.MaxValue : decision.DelayNanoseconds + extra;
        var action = callerTimeoutNanoseconds > 0 && delay >= callerTimeoutNanoseconds ? ReplyAction.LateReply : decision.Action;
        decision = new ReplyDecision(action, delay, 0);
        _fault.Strike();
    }
}
