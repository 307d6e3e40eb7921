using Prometheus;
using TrdpSim.Recording;

namespace TrdpSim.Reporting;

/// <summary>Exports a recording's figures: <c>trdpsim_recorder_frames_total</c> (written) and
/// <c>trdpsim_recorder_dropped_total{reason}</c> (<c>ring_full</c>: the writer fell behind; <c>write_error</c>: the
/// file could not be written), refreshed at scrape time.</summary>
public static class RecorderMetrics
{
    public static void Register(CollectorRegistry registry, FrameRecorder recorder)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(recorder);
        var factory = Metrics.WithCustomRegistry(registry);
        var frames = factory.CreateCounter("trdpsim_recorder_frames_total", "Frames written to the recording.");
        var dropped = factory.CreateCounter("trdpsim_recorder_dropped_total",
            "Frames the recording should have kept and lost: ring_full = the writer fell behind, write_error = the file could not be written.", "reason");
        var ringFull = dropped.WithLabels("ring_full");
        var writeError = dropped.WithLabels("write_error");
        registry.AddBeforeCollectCallback(() =>
        {
            var summary = recorder.Summary();
            frames.IncTo(summary.Frames);
            ringFull.IncTo(summary.DroppedRingFull);
            writeError.IncTo(summary.DroppedWriteError);
        });
    }
}
