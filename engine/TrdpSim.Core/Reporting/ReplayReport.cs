using System.Globalization;
using System.Text;
using System.Text.Json;
using TrdpSim.Recording.Replay;
using TrdpSim.Telemetry;

namespace TrdpSim.Reporting;

/// <summary>The end of a replay as text and as JSON (<c>trdpsim replay --summary-json</c>): what was sent and
/// skipped, the rewrites, and the timing fidelity (gap error and lateness: p50, p99, p99.9, max).</summary>
internal static class ReplayReport
{
    /// <summary>The members of the JSON's <c>rewrites</c>: what the rewriter changed, in key order.</summary>
    private static readonly (string Key, Func<ReplayRewrites, long> Read)[] RewriteMembers =
    [
        ("addressesMapped", static r => r.AddressesMapped),
        ("comIdsMapped", static r => r.ComIdsMapped),
        ("renumbered", static r => r.Renumbered),
        ("fcsRecomputed", static r => r.FcsRecomputed),
        ("fcsKeptWrong", static r => r.FcsKeptWrong),
    ];

    public static string Format(ReplayResult result, string capture)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"trdpsim replay — {capture}, speed {Speed(result.Speed)}");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"frames: {result.Records} in the capture, {result.Frames} TRDP, sent {result.Sent}, send failures {result.SendFailures} ({result.Sockets} socket(s))");
        text.AppendLine("skipped: " + (result.Skipped.Count == 0 ? "none" : string.Join(", ", result.Skipped.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key} {s.Value}"))));
        var r = result.Rewrites;
        text.AppendLine(CultureInfo.InvariantCulture,
            $"rewrites: addresses {r.AddressesMapped}, ComIds {r.ComIdsMapped}, renumbered {r.Renumbered}, FCS recomputed {r.FcsRecomputed}, FCS kept wrong {r.FcsKeptWrong}");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"duration: intended {Seconds(result.IntendedDuration)}, actual {Seconds(result.ActualDuration)}");
        if (result.GapError.Count > 0)
        {
            text.AppendLine("inter-frame gap error |actual − intended|: " + Figures(result.GapError));
            text.AppendLine("lateness (send − intended): " + Figures(result.Lateness));
        }
        else if (double.IsPositiveInfinity(result.Speed) && result.ActualDuration > TimeSpan.Zero)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"rate: {result.Sent / result.ActualDuration.TotalSeconds:0} frames/s (as fast as possible: no timing to keep)");
        }

        if (result.Interrupted)
        {
            text.AppendLine("stopped: interrupted before the last frame");
        }

        return text.ToString();
    }

    public static void WriteJson(Stream stream, ReplayResult result, string capture)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("capture", capture);
        if (double.IsPositiveInfinity(result.Speed))
        {
            json.WriteString("speed", "max");
        }
        else
        {
            json.WriteNumber("speed", result.Speed);
        }

        json.WriteNumber("records", result.Records);
        json.WriteNumber("frames", result.Frames);
        json.WriteNumber("sent", result.Sent);
        json.WriteNumber("sendFailures", result.SendFailures);
        json.WriteNumber("sockets", result.Sockets);
        json.WriteStartObject("skipped");
        foreach (var (reason, count) in result.Skipped.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            json.WriteNumber(reason, count);
        }

        json.WriteEndObject();
        JsonNumbers.WriteObject(json, "rewrites", result.Rewrites, RewriteMembers);
        json.WriteNumber("intendedSeconds", result.IntendedDuration.TotalSeconds);
        json.WriteNumber("actualSeconds", result.ActualDuration.TotalSeconds);
        json.WriteStartObject("timing");
        WriteFigures(json, "gapErrorNs", result.GapError);
        WriteFigures(json, "latenessNs", result.Lateness);
        json.WriteEndObject();
        json.WriteBoolean("interrupted", result.Interrupted);
        json.WriteEndObject();
    }

    private static void WriteFigures(Utf8JsonWriter json, string name, TimingFigures figures)
    {
        if (figures.Count == 0)
        {
            json.WriteNull(name);
            return;
        }

        json.WriteStartObject(name);
        json.WriteNumber("count", figures.Count);
        json.WriteNumber("p50", figures.P50);
        json.WriteNumber("p99", figures.P99);
        json.WriteNumber("p999", figures.P999);
        json.WriteNumber("max", figures.Max);
        json.WriteEndObject();
    }

    private static string Figures(TimingFigures f) =>
        $"p50 {Units.Duration(f.P50)}, p99 {Units.Duration(f.P99)}, p99.9 {Units.Duration(f.P999)}, max {Units.Duration(f.Max)} ({f.Count})";

    private static string Speed(double speed) => double.IsPositiveInfinity(speed) ? "max" : speed.ToString("0.###", CultureInfo.InvariantCulture) + "×";

    private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture) + " s";
}
