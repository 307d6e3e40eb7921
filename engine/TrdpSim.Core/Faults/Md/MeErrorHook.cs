using TrdpSim.Devices.Md;
using TrdpSim.Distributions;

namespace TrdpSim.Faults.Md;

/// <summary>Me error: with probability × intensity, the replier answers a request at once with an 'Me'
/// carrying the fault's error status instead of whatever it planned.</summary>
/// <remarks>The 'Me' goes the way the replier's own errors go: seq 0, comId 0, to the caller's MD port
/// (trdp-wire.md §8.8), so the caller counts it as <c>me_no_replier</c> (-3), <c>me_no_memory</c> (-4)
/// or <c>me_other</c> and the replier as <c>errors_sent</c>.</remarks>
internal sealed class MeErrorHook : MdReplierHook
{
    private readonly MdInjectedFault _fault;
    private readonly double _probability;
    private readonly int _status;
    private RandomStream _random;

    public MeErrorHook(MdInjectedFault fault, RandomStream random)
    {
        _fault = fault;
        _probability = fault.Plan.Probability;
        _status = fault.Plan.ErrorStatus;
        _random = random;
    }

    internal override void Apply(ref ReplyDecision decision, long callerTimeoutNanoseconds, ref bool fromOtherPort)
    {
        if (_random.NextDouble() < _probability * _fault.Intensity &&
            !(decision.Action == ReplyAction.Error && decision.ErrorStatus == _status && decision.DelayNanoseconds == 0))
        {
            decision = new ReplyDecision(ReplyAction.Error, 0, _status);
            _fault.Strike();
        }
    }
}
