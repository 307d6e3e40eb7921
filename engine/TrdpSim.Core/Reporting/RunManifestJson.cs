using System.Globalization;
using System.Text.Json;
using TrdpSim.Plan;

namespace TrdpSim.Reporting;

/// <summary>Writes a <see cref="RunManifest"/> as a JSON object (the summary's <c>manifest</c>).</summary>
/// <remarks>Utf8JsonWriter directly, as <see cref="SummaryJson"/>: no reflection, AOT-safe. Times are UTC
/// ISO-8601 with milliseconds and a <c>Z</c>; durations are seconds.</remarks>
internal static class RunManifestJson
{
    /// <summary>Writes the manifest as the next value of <paramref name="json"/>.</summary>
    public static void Write(Utf8JsonWriter json, RunManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(manifest);
        json.WriteStartObject();
        json.WriteString("startedAt", Timestamp(manifest.StartedAt));
        json.WriteString("stoppedAt", Timestamp(manifest.StoppedAt));
        json.WriteString("stopReason", RunStopReasons.Label(manifest.StopReason));
        JsonLists.WriteNumberOrNull(json, "durationRequestedSeconds", manifest.DurationRequested?.TotalSeconds);
        json.WriteNumber("durationActualSeconds", manifest.DurationActual.TotalSeconds);
        json.WriteStartObject("trdpsim");
        json.WriteString("version", manifest.Version);
        json.WriteString("commit", manifest.Commit);
        json.WriteEndObject();
        json.WriteNumber("seed", manifest.Seed);
        JsonLists.WriteStrings(json, "commandLine", manifest.CommandLine);
        JsonLists.WriteObjects(json, "parameters", manifest.Parameters, WriteParameter);
        JsonLists.WriteObjects(json, "inputs", manifest.Inputs, static (json, input) =>
        {
            json.WriteString("path", input.Path);
            json.WriteString("sha256", input.Sha256);
            json.WriteNumber("bytes", input.Bytes);
        });
        json.WritePropertyName("host");
        WriteHost(json, manifest.Host);
        json.WriteEndObject();
    }

    /// <summary>The host object: the same in the summary's manifest and in the run store's row of the run.</summary>
    public static void WriteHost(Utf8JsonWriter json, HostDescription host)
    {
        json.WriteStartObject();
        json.WriteString("hostname", host.Hostname);
        json.WriteString("os", host.Os);
        json.WriteString("kernel", host.Kernel);
        json.WriteString("architecture", host.Architecture);
        json.WriteNumber("cpuCount", host.CpuCount);
        json.WriteString("runtime", host.Runtime);
        json.WriteBoolean("nativeAot", host.NativeAot);
        json.WriteEndObject();
    }

    /// <summary>The members of one scenario parameter: the same in the summary's manifest and in the run store.</summary>
    public static void WriteParameter(Utf8JsonWriter json, ParameterValue parameter)
    {
        json.WriteString("name", parameter.Name);
        json.WriteString("value", parameter.Value);
        json.WriteString("file", parameter.File);
    }

    /// <summary>UTC ISO-8601 with milliseconds: <c>2025-01-31T12:00:00.000Z</c>.</summary>
    public static string Timestamp(DateTime time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
