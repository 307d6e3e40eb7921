using TrdpSim.Telemetry;

namespace TrdpSim.Pipeline;

/// <summary>What a batched frame belongs to: where its send lateness is recorded, and who hears whether the
/// socket took it (a telegram's counters).</summary>
internal interface ISentFrameOwner
{
    /// <summary>Where send lateness is recorded; null when nothing is (replies, MD frames, pull requests): only a
    /// scheduled telegram has a deadline to be late for.</summary>
    LatencyRecorder? SendLateness => null;

    /// <summary>Called after the send call: whether the socket (or TCP connection) took the frame, and when
    /// the call returned.</summary>
    void OnSent(bool accepted, long sentNanoseconds);
}
