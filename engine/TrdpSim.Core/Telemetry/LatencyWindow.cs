using HdrHistogram;

namespace TrdpSim.Telemetry;

/// <summary>A window on a <see cref="LatencyRecorder"/>: the samples recorded since the last <see cref="Take"/>,
/// as percentiles of that interval alone (the cumulative view mixes an hour-7 spike into hours of calm).</summary>
/// <remarks>Fixed size: one histogram, emptied at every take. One reader per window.</remarks>
public sealed class LatencyWindow
{
    private readonly LatencyRecorder _recorder;
    private readonly LongHistogram _histogram;

    internal LatencyWindow(LatencyRecorder recorder, LongHistogram histogram)
    {
        _recorder = recorder;
        _histogram = histogram;
    }

    /// <summary>The samples since the previous take (since the window opened, the first time), then starts anew.</summary>
    public LatencySnapshot Take() => _recorder.TakeWindow(_histogram);
}
