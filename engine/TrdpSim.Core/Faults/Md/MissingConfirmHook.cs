using TrdpSim.Devices.Md;
using TrdpSim.Distributions;

namespace TrdpSim.Faults.Md;

/// <summary>Missing confirm: with probability × intensity, a caller that receives an 'Mq' does not send the
/// 'Mc'.</summary>
/// <remarks>The caller's transaction still completes (it got its reply), so the caller shows the fault as
/// <c>confirms_sent</c> falling short of its 'Mq' replies, and the replier as <c>confirm_timeouts</c>
/// once its confirm timeout runs out. One uniform draw per 'Mq'.</remarks>
internal sealed class MissingConfirmHook : MdCallerHook
{
    private readonly MdInjectedFault _fault;
    private readonly double _probability;
    private RandomStream _random;

    public MissingConfirmHook(MdInjectedFault fault, RandomStream random)
    {
        _fault = fault;
        _probability = fault.Plan.Probability;
        _random = random;
    }

    internal override bool WithholdConfirm()
    {
        if (_random.NextDouble() < _probability * _fault.Intensity)
        {
            _fault.Strike();
            return true;
        }

        return false;
    }
}
