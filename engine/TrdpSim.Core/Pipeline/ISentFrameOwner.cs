using TrdpSim.Telemetry;
using TrdpSim.Transport;

namespace TrdpSim.Pipeline;

/// <summary>The telegram a batched frame belongs to: where the frame goes, where its send lateness is
/// recorded, and who hears whether the socket took it.</summary>
public interface ISentFrameOwner
{
    /// <summary>Destination of the telegram's frames.</summary>
    Ip4Endpoint Destination { get; }

    /// <summary>Where send lateness is recorded; null when this telegram's histogram means something else.</summary>
    LatencyRecorder? SendLateness { get; }

    /// <summary>Called after the batch's send call: whether the socket took the frame, and when the call returned.</summary>
    void OnSent(bool accepted, long sentNanoseconds);
}
