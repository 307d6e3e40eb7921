using TrdpSim.Pipeline;
using TrdpSim.Telemetry;

namespace TrdpSim.Devices.Md;

/// <summary>Counts MD frames the socket (or TCP connection) refused on a caller's, listener's or station's
/// counters; MD frames record no send lateness (round trips and reply delays are measured instead).</summary>
internal sealed class MdFrameOwner(MdCounters counters) : ISentFrameOwner
{
    public void OnSent(bool accepted, long sentNanoseconds)
    {
        if (!accepted)
        {
            counters.SendFailures++;
        }
    }
}
