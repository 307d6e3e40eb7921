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
        if (report.AbortReason is { } reason)
        {
            json.WriteString("abortReason", reason);
        }
        else
        {
            json.WriteNull("abortReason");
        }

        json.WriteStartArray("results");
        foreach (ThresholdResult result in report.Thresholds)
        {
            json.WriteStartObject();
            json.WriteString("threshold", result.Text);
            json.WriteBoolean("passed", result.Passed);
            if (double.IsFinite(result.Observed))
            {
                json.WriteNumber("observed", result.Observed);
            }
            else
            {
                json.WriteNull("observed");
            }

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
            if (result.FailedAt is { } at)
            {
                json.WriteNumber("failedAtSeconds", at.TotalSeconds);
            }
            else
            {
                json.WriteNull("failedAtSeconds");
            }

            json.WriteString("detail", result.Detail);
            json.WriteBoolean("abortedRun", result.AbortedRun);
            json.WriteNumber("series", result.Series);
            json.WriteString("origin", result.Origin.ToString());
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("failures");
        foreach (RunFailure failure in report.Failures)
        {
            json.WriteStartObject();
            json.WriteString("reason", failure.Reason);
            json.WriteNumber("atSeconds", failure.At.TotalSeconds);
            json.WriteString("origin", failure.Origin.ToString());
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
