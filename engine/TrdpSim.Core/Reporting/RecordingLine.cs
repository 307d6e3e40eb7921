using System.Text;
using TrdpSim.Recording;
using TrdpSim.Telemetry;

namespace TrdpSim.Reporting;

/// <summary>The summary's recording line, e.g. <c>recording: 1.20M frames, 96.1 MiB in 2 files (run-0001.pcapng …
/// run-0002.pcapng), dropped 0</c>, and the write error when one stopped it.</summary>
public static class RecordingLine
{
    public static void Append(StringBuilder text, RecordingSummary recording, int width)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(recording);
        var files = recording.Files.Count switch
        {
            0 => "no file",
            1 => recording.Files[0],
            _ => $"{recording.Files.Count} files ({recording.Files[0]} … {recording.Files[^1]})",
        };
        List<string> items =
        [
            $"{Units.Count(recording.Frames)} frames ({recording.Direction.ToString().ToLowerInvariant()}, filter {recording.Filter})",
            $"{recording.Bytes / 1048576.0:0.0} MiB in {files}",
            $"dropped {recording.Dropped}" + (recording.Dropped > 0 ? $" (ring full {recording.DroppedRingFull}, write errors {recording.DroppedWriteError})" : string.Empty),
        ];
        TextWrap.AppendItems(text, "recording: ", items, ", ", width);
        if (recording.Error is { } error)
        {
            text.AppendLine($"recording stopped: {error}");
        }
    }
}
