using TrdpSim.Devices.Md;
using TrdpSim.Distributions;

namespace TrdpSim.Faults.Md;

/// <summary>Wrong-port reply: while the intensity is above zero, an answer leaves (with the fault's
/// probability) from the station's extra ephemeral socket instead of the MD port.</summary>
/// <remarks>An on/off fault: the intensity switches it, it does not scale the probability. The reply still
/// goes to the request's source address and port and carries the right session id, so a caller that
/// matches by session id (TCNopen, and trdpsim, which counts it as <c>replies_other_port</c>) accepts it;
/// one that filters on the source port drops it. A re-sent 'Mq' of the same session leaves the same way.</remarks>
internal sealed class WrongPortReplyHook : MdReplierHook
{
    private readonly MdInjectedFault _fault;
    private readonly double _probability;
    private RandomStream _random;

    public WrongPortReplyHook(MdInjectedFault fault, RandomStream random)
    {
        _fault = fault;
        _probability = fault.Plan.Probability;
        _random = random;
    }

    internal override void Apply(ref ReplyDecision decision, long callerTimeoutNanoseconds, ref bool fromOtherPort)
    {
        if (_random.NextDouble() < _probability && _fault.Intensity > 0 && !fromOtherPort &&
            decision.Action is ReplyAction.Reply or ReplyAction.LateReply)
        {
            fromOtherPort = true;
            _fault.Strike();
        }
    }
}
