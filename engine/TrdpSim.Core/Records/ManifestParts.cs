using System.Text;
using System.Text.Json;
using TrdpSim.Plan;
using TrdpSim.Reporting;

namespace TrdpSim.Records;

/// <summary>The manifest's lists as the store keeps them (JSON text in the run's row), written and read without
/// reflection.</summary>
internal static class ManifestParts
{
    public static string CommandLine(IReadOnlyList<string> arguments) => Write(json => JsonLists.WriteStrings(json, arguments));

    public static string Parameters(IReadOnlyList<ParameterValue> parameters) =>
        Write(json => JsonLists.WriteObjects(json, parameters, RunManifestJson.WriteParameter));

    public static string Host(HostDescription host) => Write(json => RunManifestJson.WriteHost(json, host));

    /// <summary>The string items of a stored JSON array.</summary>
    public static IReadOnlyList<string> ReadStrings(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        var items = new List<string>();
        foreach (JsonElement item in document.RootElement.EnumerateArray())
        {
            items.Add(item.GetString() ?? string.Empty);
        }

        return items;
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            write(json);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
