namespace TrdpSim.Recording;

/// <summary>What a recording kept and lost: for the summary table, the JSON <c>recording</c> section and
/// <c>/metrics</c>.</summary>
/// <param name="Files">Every file written, in order.</param>
/// <param name="Direction">Which frames were recorded.</param>
/// <param name="Filter">The filter, as text (<c>all</c> when none).</param>
/// <param name="Rotation">The rotation limits, as text (<c>none</c>).</param>
/// <param name="Frames">Frames written.</param>
/// <param name="Bytes">Bytes written, every file together.</param>
/// <param name="DroppedRingFull">Frames lost because the writer fell behind (the ring was full).</param>
/// <param name="DroppedWriteError">Frames lost because a file could not be written.</param>
/// <param name="Error">The write error, if one stopped the recording.</param>
public sealed record RecordingSummary(
    IReadOnlyList<string> Files,
    RecordingDirection Direction,
    string Filter,
    string Rotation,
    long Frames,
    long Bytes,
    long DroppedRingFull,
    long DroppedWriteError,
    string? Error)
{
    /// <summary>Every frame the recording should have kept and did not.</summary>
    public long Dropped => DroppedRingFull + DroppedWriteError;
}
