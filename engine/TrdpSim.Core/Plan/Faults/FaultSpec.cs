using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace TrdpSim.Plan.Faults;

/// <summary>Turns a key-value set (a control-API request, a command line) into a <see cref="FaultPlan"/>,
/// with the same keys, words and limits as TOML <c>[[fault]]</c> and <c>plan.fault()</c>.</summary>
/// <remarks>Keys may be kebab-case (<c>ramp-up</c>) or camelCase (<c>rampUp</c>); every value is text
/// (<c>probability=0.2</c>, <c>start=5s</c>).</remarks>
public static class FaultSpec
{
    /// <summary>Parses <paramref name="values"/>.</summary>
    /// <returns>True and the fault, or false and every problem found.</returns>
    public static bool TryParse(IEnumerable<KeyValuePair<string, string>> values, [NotNullWhen(true)] out FaultPlan? fault,
        out IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(values);
        var source = new TextSource();
        var known = FaultKinds.AllKeys();
        foreach (var (key, value) in values)
        {
            var kebab = Kebab(key, known);
            if (kebab is null)
            {
                source.Problems.Add($"unknown key '{key}' (known: {string.Join(", ", known)})");
            }
            else if (!source.Values.TryAdd(kebab, value))
            {
                source.Problems.Add($"'{kebab}' is given twice");
            }
        }

        // Unnamed faults stay unnamed: the injector names them "<kind>-<n>", unique in the run.
        fault = FaultOptionReader.Read(source, SourceLocation.None, static _ => string.Empty);
        if (fault is not null)
        {
            // A runtime fault has no plan to be validated with: its limits are checked right here.
            source.Problems.AddRange(FaultRules.Check(fault));
        }

        errors = source.Problems;
        if (source.Problems.Count > 0)
        {
            fault = null;
        }

        return fault is not null;
    }

    private static string? Kebab(string key, IReadOnlyList<string> known)
    {
        foreach (var candidate in known)
        {
            if (candidate == key || FaultKinds.CamelCase(candidate) == key)
            {
                return candidate;
            }
        }

        return null;
    }

    private sealed class TextSource : IFaultOptionSource
    {
        public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

        public List<string> Problems { get; } = [];

        public IEnumerable<string> Keys => Values.Keys;

        public bool TryText(string key, out string value) => Values.TryGetValue(key, out value!);

        public bool TryNumber(string key, out double value)
        {
            value = 0;
            if (!Values.TryGetValue(key, out var text))
            {
                return false;
            }

            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value))
            {
                return true;
            }

            Error(key, $"'{key}' must be a number, got '{text}'");
            return false;
        }

        public bool TryInteger(string key, long min, long max, out long value)
        {
            value = 0;
            if (!Values.TryGetValue(key, out var text))
            {
                return false;
            }

            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value) && value >= min && value <= max)
            {
                return true;
            }

            Error(key, string.Create(CultureInfo.InvariantCulture, $"'{key}' must be an integer between {min} and {max}, got '{text}'"));
            return false;
        }

        public bool TryDuration(string key, out TimeSpan value)
        {
            value = TimeSpan.Zero;
            if (!Values.TryGetValue(key, out var text))
            {
                return false;
            }

            if (DurationParser.TryParse(text, out value, out var reason))
            {
                return true;
            }

            Error(key, $"'{key}': invalid duration '{text}': {reason}");
            return false;
        }

        public void Error(string? key, string message) => Problems.Add(message);
    }
}
