using System.Text.Json;
using TrdpSim.Recording;

namespace TrdpSim.Reporting;

/// <summary>The summary JSON's <c>recording</c> section: files, what was recorded, frames and bytes written, and
/// every frame lost (<c>dropped</c> = <c>droppedRingFull</c> + <c>droppedWriteError</c>).</summary>
internal static class RecordingJson
{
    public static void Write(Utf8JsonWriter json, RecordingSummary recording)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(recording);
        json.WriteStartObject("recording");
        JsonLists.WriteStrings(json, "files", recording.Files);
        json.WriteString("direction", recording.Direction.ToString().ToLowerInvariant());
        json.WriteString("filter", recording.Filter);
        json.WriteString("rotation", recording.Rotation);
        json.WriteNumber("frames", recording.Frames);
        json.WriteNumber("bytes", recording.Bytes);
        json.WriteNumber("dropped", recording.Dropped);
        json.WriteNumber("droppedRingFull", recording.DroppedRingFull);
        json.WriteNumber("droppedWriteError", recording.DroppedWriteError);
        json.WriteString("error", recording.Error);
        json.WriteEndObject();
    }
}
