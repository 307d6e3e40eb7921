using System.Text.Json;
using TrdpSim.Thresholds;

namespace TrdpSim.Reporting;

/// <summary>Writes a <see cref="ThresholdReport"/> into the summary JSON (Utf8JsonWriter, no reflection).</summary>
/// <remarks>Shape: <c>{ "passed": bool, "abortReason": string|null, "results": [ { "threshold", "passed",
/// "observed" (number, full precision, nanoseconds for latency; null = no data), "counts" (ratios: { "numerator",
/// "denominator" } behind "observed"; otherwise null), "observedText", "failedAtSeconds"
/// (number|null), "detail", "abortedRun", "series", "origin" } ], "failures": [ { "reason", "atSeconds",
/// "origin" } ] }</c>.</remarks>
internal static class ThresholdJson
{
    public static void Write(Utf8JsonWriter json, ThresholdReport report)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(report);
        json.WriteStartObject();
        json.WriteBoolean("passed", report.Passed);
        json.WriteString("abortReason", report.AbortReason); // null when the run was not aborted

        JsonLists.WriteObjects(json, "results", report.Thresholds, static (json, result) =>
        {
            json.WriteString("threshold", result.Text);
            json.WriteBoolean("passed", result.Passed);
            JsonLists.WriteNumberOrNull(json, "observed", double.IsFinite(result.Observed) ? result.Observed : (double?)null);

            if (result.Counts is { } counts)
            {
                json.WriteStartObject("counts");
                json.WriteNumber("numerator", counts.Numerator);
                json.WriteNumber("denominator", counts.Denominator);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("counts");
            }

            json.WriteString("observedText", result.ObservedText);
            JsonLists.WriteNumberOrNull(json, "failedAtSeconds", result.FailedAt?.TotalSeconds);
            json.WriteString("detail", result.Detail);
            json.WriteBoolean("abortedRun", result.AbortedRun);
            json.WriteNumber("series", result.Series);
            json.WriteString("origin", result.Origin.ToString());
        });
        JsonLists.WriteObjects(json, "failures", report.Failures, static (json, failure) =>
        {
            json.WriteString("reason", failure.Reason);
            json.WriteNumber("atSeconds", failure.At.TotalSeconds);
            json.WriteString("origin", failure.Origin.ToString());
        });
        json.WriteEndObject();
    }
}
