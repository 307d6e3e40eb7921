using TrdpSim.Devices.Md;
using TrdpSim.Distributions;

namespace TrdpSim.Faults.Md;

/// <summary>Withheld reply: the replier leaves a request unanswered with probability × intensity.</summary>
/// <remarks>Turns the decision into <see cref="ReplyAction.NoReply"/>, so the replier keeps a silent session
/// that swallows the caller's retries (trdp-wire.md §8.5) and the caller runs into its reply timeout,
/// exactly as a planned no-reply does. One uniform draw per request whatever the outcome.</remarks>
internal sealed class WithheldReplyHook : MdReplierHook
{
    private readonly MdInjectedFault _fault;
    private readonly double _probability;
    private RandomStream _random;

    public WithheldReplyHook(MdInjectedFault fault, RandomStream random)
    {
        _fault = fault;
        _probability = fault.Plan.Probability;
        _random = random;
    }

    internal override void Apply(ref ReplyDecision decision, long callerTimeoutNanoseconds, ref bool fromOtherPort)
    {
        if (_random.NextDouble() < _probability * _fault.Intensity && decision.Action != ReplyAction.NoReply)
        {
            decision = new ReplyDecision(ReplyAction.NoReply, 0, 0);
            _fault.Strike();
        }
    }
}
