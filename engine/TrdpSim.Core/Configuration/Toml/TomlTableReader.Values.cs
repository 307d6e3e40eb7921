using System.Text;
using Tomlyn.Syntax;
using TrdpSim.Plan;

namespace TrdpSim.Configuration.Toml;

/// <summary>Reads of values written as text: durations, addresses and keyword choices; and defaults.</summary>
internal sealed partial class TomlTableReader
{
    /// <summary>Integer in [min, max], or <paramref name="fallback"/> when absent or bad.</summary>
    public long Integer(string key, long min, long max, long fallback) =>
        TryInteger(key, min, max, out long value, out _) ? value : fallback;

    public uint UInt32(string key, uint fallback) => (uint)Integer(key, 0, uint.MaxValue, fallback);

    public bool Bool(string key, bool fallback) => TryBool(key, out bool value) ? value : fallback;

    /// <summary>A number (integer or float), or <paramref name="fallback"/> when absent or bad.</summary>
    public double Number(string key, double fallback) => TryNumber(key, out double value, out _) ? value : fallback;

    /// <summary>A string, or <paramref name="fallback"/> when absent or bad.</summary>
    public string Text(string key, string fallback) => TryString(key, out string value, out _) ? value : fallback;

    /// <summary>A duration string (<c>"100ms"</c>); the integer 0 is accepted as zero, and with
    /// <paramref name="allowInfinite"/> the word <c>"infinite"</c> gives <see cref="Timeout.InfiniteTimeSpan"/>.</summary>
    public bool TryDuration(string key, bool allowInfinite, out TimeSpan value, out SourceLocation at)
    {
        value = TimeSpan.Zero;
        TomlEntry? entry = Take(key);
        at = Origin;
        if (entry is null || entry.IsBroken)
        {
            return false;
        }

        at = entry.ValueOrigin;
        switch (entry.Value)
        {
            case IntegerValueSyntax { Value: 0 }:
                return true;
            case IntegerValueSyntax or FloatValueSyntax:
                Error(key, at, $"'{key}' needs a unit: write a string such as \"100ms\"");
                return false;
            case StringValueSyntax { Value: { } text }:
                if (allowInfinite && string.Equals(text, "infinite", StringComparison.OrdinalIgnoreCase))
                {
                    value = Timeout.InfiniteTimeSpan;
                    return true;
                }

                if (DurationParser.TryParse(text, out value, out string reason))
                {
                    return true;
                }

                Error(key, at, $"'{key}': invalid duration \"{text}\": {reason}");
                return false;
            default:
                Error(key, at, $"'{key}' must be a duration string such as \"100ms\", not {entry.Describe()}");
                return false;
        }
    }

    /// <summary>An IPv4 address string (<c>a.b.c.d</c>); which addresses a key accepts is the validator's rule.</summary>
    public bool TryAddress(string key, out uint address, out SourceLocation at)
    {
        address = 0;
        if (!TryString(key, out string text, out at))
        {
            return false;
        }

        if (!AddressParser.TryParse(text, out address))
        {
            Error(key, at, $"'{key}': invalid IPv4 address \"{text}\" (expected a.b.c.d)");
            return false;
        }

        return true;
    }

    /// <summary>One of a fixed set of words (case-insensitive).</summary>
    public bool TryWord<T>(string key, (string Word, T Value)[] words, out T value)
    {
        value = words[0].Value;
        if (!TryString(key, out string text, out SourceLocation at))
        {
            return false;
        }

        foreach ((string word, T choice) in words)
        {
            if (string.Equals(word, text, StringComparison.OrdinalIgnoreCase))
            {
                value = choice;
                return true;
            }
        }

        var expected = new StringBuilder();
        foreach ((string word, _) in words)
        {
            expected.Append(expected.Length == 0 ? "\"" : ", \"").Append(word).Append('"');
        }

        Error(key, at, $"'{key}': unknown value \"{text}\" (expected {expected})");
        return false;
    }
}
