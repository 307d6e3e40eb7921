using System.Globalization;
using System.Text.Json;
using TrdpSim.Plan;
using TrdpSim.Plan.Faults;

namespace TrdpSim.Control.Api;

/// <summary>A JSON object with the keys of a TOML <c>[[fault]]</c> (<c>kind</c>, <c>device</c>, <c>probability</c>,
/// <c>duration</c> as <c>"2s"</c> …), read by the same <see cref="FaultOptionReader"/>; each problem names its key.</summary>
internal sealed class JsonFaultSource(IReadOnlyDictionary<string, JsonElement> body) : IFaultOptionSource
{
    public List<string> Errors { get; } = [];

    public IEnumerable<string> Keys => body.Keys;

    public bool TryText(string key, out string value)
    {
        value = string.Empty;
        if (!body.TryGetValue(key, out var element))
        {
            return false;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            Error(key, "expected a string");
            return false;
        }

        value = element.GetString()!;
        return true;
    }

    public bool TryNumber(string key, out double value)
    {
        value = 0;
        if (!body.TryGetValue(key, out var element))
        {
            return false;
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out value))
        {
            Error(key, "expected a number");
            return false;
        }

        return true;
    }

    public bool TryInteger(string key, long min, long max, out long value)
    {
        value = 0;
        if (!body.TryGetValue(key, out var element))
        {
            return false;
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt64(out value) || value < min || value > max)
        {
            Error(key, $"expected a whole number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");
            return false;
        }

        return true;
    }

    public bool TryDuration(string key, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (!TryText(key, out var text))
        {
            return false;
        }

        if (!DurationParser.TryParse(text, out value, out var error))
        {
            Error(key, $"'{text}' is not a duration ({error})");
            return false;
        }

        return true;
    }

    public void Error(string? key, string message) => Errors.Add(key is null ? message : $"'{key}': {message}");

    /// <summary>Reads the fault; unknown keys are errors too, as in a TOML file.</summary>
    public FaultPlan? Read()
    {
        var fault = FaultOptionReader.Read(this, new SourceLocation("request", 0, 0), static _ => string.Empty);
        var known = FaultKinds.AllKeys();
        foreach (var key in body.Keys)
        {
            if (!Contains(known, key))
            {
                Errors.Add($"'{key}': unknown key (a fault takes: {string.Join(", ", known)})");
            }
        }

        return Errors.Count == 0 ? fault : null;
    }

    private static bool Contains(IReadOnlyList<string> keys, string key)
    {
        foreach (var k in keys)
        {
            if (string.Equals(k, key, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
