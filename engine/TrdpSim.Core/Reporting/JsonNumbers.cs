using System.Text.Json;

namespace TrdpSim.Reporting;

/// <summary>Objects of whole numbers read from one value, written from a table of (key, reader) in the table's
/// order: the keys of such an object are listed once, as data, instead of one <c>WriteNumber</c> call each.</summary>
internal static class JsonNumbers
{
    /// <summary><c>"name": { "key": n, … }</c>.</summary>
    public static void WriteObject<T>(Utf8JsonWriter json, string name, T value, ReadOnlySpan<(string Key, Func<T, long> Read)> members)
    {
        json.WriteStartObject(name);
        WriteMembers(json, value, members);
        json.WriteEndObject();
    }

    /// <summary><c>"key": n, …</c> inside the object being written.</summary>
    public static void WriteMembers<T>(Utf8JsonWriter json, T value, ReadOnlySpan<(string Key, Func<T, long> Read)> members)
    {
        foreach (var (key, read) in members)
        {
            json.WriteNumber(key, read(value));
        }
    }
}
