using System.Globalization;
using System.Text.Json;

namespace TrdpSim.Events;

/// <summary>The JSON form of stream messages: an event's fields under names that say what they are, per kind.</summary>
/// <remarks>
/// Every message has <c>id</c> (events only), <c>topic</c>, <c>type</c>, <c>ts</c> (UTC, ISO 8601 with
/// microseconds) and <c>t</c> (seconds since the run's first tick, from the monotonic clock). The rest
/// depends on the type; see README "Live streams". Written with <see cref="Utf8JsonWriter"/>: no reflection.
/// </remarks>
internal static class RunEventJson
{
    /// <summary>The timestamp format of <c>ts</c> (and accepted in <c>lastTimestamp</c> and ingest lines).</summary>
    public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    private static readonly string[] IngestLevels = ["", "debug", "info", "warn", "error"];

    /// <summary>The ingest log levels (index = <see cref="RunEvent.Count"/> of an ingested log line).</summary>
    public static IReadOnlyList<string> Levels => IngestLevels;

    /// <summary>Writes one event as a whole JSON object (the pump reuses its writer: nothing allocated here).</summary>
    public static void Write(Utf8JsonWriter json, long id, string topic, DateTime utc, double seconds, in RunEvent e)
    {
        WriteHeader(json, id, topic, RunEventKinds.Name(e.Kind), utc, seconds);
        WriteFields(json, e);
        json.WriteEndObject();
    }

    /// <summary>Starts a message object with its common fields (the caller writes the rest and ends it).</summary>
    public static void WriteHeader(Utf8JsonWriter json, long id, string topic, string type, DateTime utc, double seconds)
    {
        json.WriteStartObject();
        if (id > 0)
        {
            json.WriteNumber("id", id);
        }

        json.WriteString("topic", topic);
        json.WriteString("type", type);
        WriteTimestamp(json, "ts", utc);
        json.WriteNumber("t", Math.Round(seconds, 6));
    }

    public static string FormatTimestamp(DateTime utc) => utc.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    /// <summary>Writes a timestamp property in <see cref="TimestampFormat"/> without making a string of it.</summary>
    public static void WriteTimestamp(Utf8JsonWriter json, string name, DateTime utc)
    {
        Span<char> text = stackalloc char[32];
        if (utc.TryFormat(text, out var length, TimestampFormat, CultureInfo.InvariantCulture))
        {
            json.WriteString(name, text[..length]);
        }
        else
        {
            json.WriteString(name, FormatTimestamp(utc));
        }
    }

    private static void WriteFields(Utf8JsonWriter json, in RunEvent e)
    {
        switch (e.Kind)
        {
            case RunEventKind.RunStopped:
                Text(json, "reason", e.Text);
                break;
            case RunEventKind.FaultInjected:
                Fault(json, e);
                Text(json, "actor", e.Source);
                json.WriteNumber("targets", e.Count);
                break;
            case RunEventKind.FaultRepaired:
                Fault(json, e);
                json.WriteNumber("strikes", e.Count);
                break;
            case RunEventKind.StrikeBurst:
                Fault(json, e);
                json.WriteNumber("strikes", e.Count);
                Number(json, "total", e.Value);
                break;
            case RunEventKind.ControlAction:
                Text(json, "action", e.Detail);
                Text(json, "target", e.Subject);
                Text(json, "detail", e.Text);
                Text(json, "actor", e.Source);
                json.WriteBoolean("undo", e.Count != 0);
                break;
            case RunEventKind.Timeout:
                Where(json, e);
                json.WriteNumber("timeouts", e.Count);
                if (e.Detail == RunEventKinds.SelfInflicted)
                {
                    json.WriteBoolean("selfInflicted", true); // trdpsim's own stall, not the publisher's silence
                }

                break;
            case RunEventKind.SequenceGap:
                Where(json, e);
                json.WriteNumber("lost", e.Count);
                Number(json, "gaps", e.Value);
                break;
            case RunEventKind.RejectBurst:
                Text(json, "reason", e.Subject);
                json.WriteNumber("frames", e.Count);
                Where(json, e);
                break;
            case RunEventKind.ThresholdBreach:
            case RunEventKind.ThresholdRecovery:
                Text(json, "threshold", e.Subject);
                Text(json, "detail", e.Text);
                break;
            case RunEventKind.Overload:
                Text(json, "condition", e.Subject);
                Number(json, "value", e.Value);
                Text(json, "text", e.Text);
                break;
            case RunEventKind.PhaseChange:
                Text(json, "scenario", e.Source);
                Text(json, "phase", e.Subject);
                Text(json, "tags", e.Text);
                break;
            case RunEventKind.Ingested:
                Text(json, "source", e.Source);
                Text(json, "kind", e.Detail);
                Text(json, "name", e.Subject);
                Number(json, "value", e.Value);
                if (e.Count > 0 && e.Count < IngestLevels.Length)
                {
                    json.WriteString("level", IngestLevels[e.Count]);
                }

                Text(json, "text", e.Text);
                Where(json, e);
                break;
            case RunEventKind.PathDown:
            case RunEventKind.PathUp:
                Where(json, e);
                Text(json, "path", e.Subject);
                json.WriteNumber("down", e.Count);
                break;
            case RunEventKind.Switchover:
                Text(json, "group", e.Subject);
                Text(json, "leader", e.Device);
                Text(json, "previous", e.Text);
                Text(json, "cause", e.Detail);
                json.WriteNumber("switchovers", e.Count);
                Number(json, "gapNs", e.Value);
                break;
            default:
                Where(json, e);
                break;
        }
    }

    private static void Where(Utf8JsonWriter json, in RunEvent e)
    {
        Text(json, "device", e.Device);
        Text(json, "telegram", e.Telegram);
    }

    /// <summary>The fault an event is about: its name and its kind.</summary>
    private static void Fault(Utf8JsonWriter json, in RunEvent e)
    {
        Text(json, "fault", e.Subject);
        Text(json, "kind", e.Detail);
    }

    private static void Text(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    private static void Number(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, value);
        }
    }
}
