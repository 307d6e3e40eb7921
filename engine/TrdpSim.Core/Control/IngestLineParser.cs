using System.Text.Json;
using TrdpSim.Events;

namespace TrdpSim.Control;

/// <summary>Checks one NDJSON line posted to <c>/api/runs/{id}/ingest</c> and turns it into a run event, or says
/// exactly what is wrong with it.</summary>
/// <remarks>
/// A line is one JSON object: <c>ts</c> (ISO 8601 with zone, or Unix seconds; default the arrival time),
/// <c>source</c> (who posts, default <c>ingest</c>), <c>kind</c> (<c>event</c>, <c>value</c> or <c>log</c>;
/// default <c>value</c> when there is a value, else <c>event</c>), <c>name</c> (required for a value),
/// <c>value</c> (a number; required for a value), <c>text</c> (required for a log line), <c>level</c>
/// (<c>debug</c>, <c>info</c>, <c>warn</c>, <c>error</c>; log lines only, default <c>info</c>), <c>device</c>,
/// <c>telegram</c>. Unknown fields are refused, so a misspelt one is not silently lost.
/// </remarks>
internal static class IngestLineParser
{
    /// <summary>Largest gap between a line's timestamp and now (a clock or unit mistake beyond it).</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromDays(7);

    private const int MaxNameLength = 128;
    private const int MaxTextLength = 1024;

    private static readonly string[] Kinds = ["event", "value", "log"];
    private static readonly string[] Known = ["ts", "source", "kind", "name", "value", "text", "level", "device", "telegram"];

    /// <summary>A copy of the line for the parser, reused by the thread: the document reads the memory only until it
    /// is disposed (inside <see cref="TryParse"/>), and ingest runs at thousands of lines per second.</summary>
    [ThreadStatic]
    private static byte[]? t_scratch;

    /// <summary>Parses one line; false with <paramref name="error"/> when it is not a valid event.</summary>
    /// <param name="line">The line's UTF-8 bytes (without the newline).</param>
    /// <param name="now">The arrival time (UTC), for a line without <c>ts</c> and for the skew check.</param>
    /// <param name="bus">The run's bus (monotonic time of the timestamp).</param>
    /// <param name="parsed">The event, when the line is valid.</param>
    /// <param name="error">What is wrong with the line, when it is not.</param>
    public static bool TryParse(ReadOnlySpan<byte> line, DateTime now, RunEventBus bus, out RunEvent parsed, out string? error)
    {
        parsed = default;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(Scratch(line));
        }
        catch (JsonException e)
        {
            error = "not JSON: " + e.Message;
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "a line is one JSON object, e.g. {\"name\":\"brakePressure\",\"value\":4.2}";
                return false;
            }

            foreach (var property in root.EnumerateObject())
            {
                if (!IsKnown(property))
                {
                    error = $"unknown field '{property.Name}' (known: {string.Join(", ", Known)})";
                    return false;
                }
            }

            if (!Timestamp(root, now, out var utc, out error) ||
                !Text(root, "source", MaxNameLength, out var source, out error) ||
                !Text(root, "kind", MaxNameLength, out var kind, out error) ||
                !Text(root, "name", MaxNameLength, out var name, out error) ||
                !Text(root, "text", MaxTextLength, out var text, out error) ||
                !Text(root, "level", MaxNameLength, out var level, out error) ||
                !Text(root, "device", MaxNameLength, out var device, out error) ||
                !Text(root, "telegram", MaxNameLength, out var telegram, out error))
            {
                return false;
            }

            var value = double.NaN;
            if (root.TryGetProperty("value", out var valueElement))
            {
                if (valueElement.ValueKind != JsonValueKind.Number || !valueElement.TryGetDouble(out value) || !double.IsFinite(value))
                {
                    error = "'value' must be a finite number";
                    return false;
                }
            }

            kind ??= double.IsNaN(value) ? "event" : "value";
            if (Array.IndexOf(Kinds, kind) < 0)
            {
                error = $"'kind' is '{kind}'; expected event, value or log";
                return false;
            }

            if (kind == "value" && (name is null || double.IsNaN(value)))
            {
                error = "a value needs 'name' and a numeric 'value'";
                return false;
            }

            if (kind == "log" && text is null)
            {
                error = "a log line needs 'text'";
                return false;
            }

            var levelIndex = 0;
            if (level is not null)
            {
                levelIndex = kind == "log" ? IndexOf(RunEventJson.Levels, level) : -2;
                if (levelIndex < 0)
                {
                    error = levelIndex == -2 ? "'level' belongs to log lines (kind \"log\")" : $"'level' is '{level}'; expected debug, info, warn or error";
                    return false;
                }
            }
            else if (kind == "log")
            {
                levelIndex = 2; // info
            }

            if (kind == "event" && name is null && text is null)
            {
                error = "an event needs 'name' or 'text' to say what happened";
                return false;
            }

            parsed = new RunEvent(RunEventKind.Ingested, bus.ToMonotonic(utc), Source: source ?? "ingest", Subject: name, Device: device,
                Telegram: telegram, Count: levelIndex, Value: value, Detail: kind, Text: text)
            {
                UtcTicks = utc.Ticks,
            };
            error = null;
            return true;
        }
    }

    private static bool Timestamp(JsonElement root, DateTime now, out DateTime utc, out string? error)
    {
        utc = now;
        error = null;
        if (!root.TryGetProperty("ts", out var ts))
        {
            return true;
        }

        if (ts.ValueKind == JsonValueKind.Number)
        {
            if (!ts.TryGetDouble(out var seconds) || !double.IsFinite(seconds) || Math.Abs(seconds) > 1e11)
            {
                error = $"'ts' {ts.GetRawText()} is not Unix seconds (seconds since 1970, not milliseconds)";
                return false;
            }

            utc = DateTime.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond));
        }
        else if (ts.ValueKind != JsonValueKind.String || !StreamRequests.TryParseTimestamp(ts.GetString()!, out utc, out error))
        {
            error = "'ts': " + (error ?? "a timestamp is an ISO 8601 string such as 2025-06-01T12:00:00.5Z, or Unix seconds");
            return false;
        }

        if ((utc - now).Duration() > MaxClockSkew)
        {
            error = $"'ts' {RunEventJson.FormatTimestamp(utc)} is more than {MaxClockSkew.TotalDays:0} days from now ({RunEventJson.FormatTimestamp(now)}): " +
                "check the clock, the zone or the unit (Unix seconds, not milliseconds)";
            return false;
        }

        return true;
    }

    private static bool Text(JsonElement root, string name, int maxLength, out string? value, out string? error)
    {
        value = null;
        error = null;
        if (!root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            error = $"'{name}' must be a string";
            return false;
        }

        value = element.GetString()!;
        if (value.Length > maxLength)
        {
            error = $"'{name}' is longer than {maxLength} characters";
            return false;
        }

        return true;
    }

    private static int IndexOf(IReadOnlyList<string> values, string value)
    {
        for (var i = 1; i < values.Count; i++)
        {
            if (string.Equals(values[i], value, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static ReadOnlyMemory<byte> Scratch(ReadOnlySpan<byte> line)
    {
        var scratch = t_scratch;
        if (scratch is null || scratch.Length < line.Length)
        {
            t_scratch = scratch = new byte[Math.Max(line.Length, 4096)];
        }

        line.CopyTo(scratch);
        return scratch.AsMemory(0, line.Length);
    }

    /// <summary>Whether the field is one of <see cref="Known"/>, compared in UTF-8 (no string made per field).</summary>
    private static bool IsKnown(JsonProperty property)
    {
        foreach (var name in Known)
        {
            if (property.NameEquals(name))
            {
                return true;
            }
        }

        return false;
    }
}
