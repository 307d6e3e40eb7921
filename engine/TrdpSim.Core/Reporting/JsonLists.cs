using System.Text.Json;

namespace TrdpSim.Reporting;

/// <summary>The list and optional-number shapes the report writers share (summary, manifest, replay), written
/// with <see cref="Utf8JsonWriter"/> directly like the writers themselves: no reflection, AOT-safe.</summary>
internal static class JsonLists
{
    /// <summary><c>"name": [ {…}, … ]</c>: one object per item, its members written by <paramref name="writeMembers"/>.</summary>
    public static void WriteObjects<T>(Utf8JsonWriter json, string name, IEnumerable<T> items, Action<Utf8JsonWriter, T> writeMembers)
    {
        json.WritePropertyName(name);
        WriteObjects(json, items, writeMembers);
    }

    /// <summary><c>[ {…}, … ]</c> as the next value: one object per item, its members written by <paramref name="writeMembers"/>.</summary>
    public static void WriteObjects<T>(Utf8JsonWriter json, IEnumerable<T> items, Action<Utf8JsonWriter, T> writeMembers)
    {
        json.WriteStartArray();
        foreach (T item in items)
        {
            json.WriteStartObject();
            writeMembers(json, item);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary><c>"name": [ "…", … ]</c>.</summary>
    public static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WritePropertyName(name);
        WriteStrings(json, values);
    }

    /// <summary><c>[ "…", … ]</c> as the next value.</summary>
    public static void WriteStrings(Utf8JsonWriter json, IEnumerable<string> values)
    {
        json.WriteStartArray();
        foreach (string value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    /// <summary>The number, or <c>null</c> where there is none: a reader finds the key either way.</summary>
    public static void WriteNumberOrNull(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    /// <inheritdoc cref="WriteNumberOrNull(Utf8JsonWriter, string, long?)"/>
    public static void WriteNumberOrNull(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
