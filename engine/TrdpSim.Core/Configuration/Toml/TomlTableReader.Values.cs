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
                Errors.Add(at, $"'{key}' needs a unit: write a string such as \"100ms\"");
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

                Errors.Add(at, $"'{key}': invalid duration \"{text}\": {reason}");
                return false;
            default:
                Errors.Add(at, $"'{key}' must be a duration string such as \"100ms\", not {entry.Describe()}");
                return false;
        }
    }

    /// <summary>An IPv4 address string checked against <paramref name="rule"/>.</summary>
    public bool TryAddress(string key, AddressRule rule, out uint address, out SourceLocation at)
    {
        address = 0;
        if (!TryString(key, out string text, out at))
        {
            return false;
        }

        if (!AddressParser.TryParse(text, out uint parsed))
        {
            Errors.Add(at, $"'{key}': invalid IPv4 address \"{text}\" (expected a.b.c.d)");
            return false;
        }

        bool multicast = AddressParser.IsMulticast(parsed);
        string? problem = parsed == 0 ? "must not be 0.0.0.0"
            : rule == AddressRule.Unicast && multicast ? $"must be a host address, not the multicast group {text}"
            : rule == AddressRule.Multicast && !multicast ? $"must be a multicast group (224.0.0.0/4), not {text}"
            : null;
        if (problem is not null)
        {
            Errors.Add(at, $"'{key}' {problem}");
            return false;
        }

        address = parsed;
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

        Errors.Add(at, $"'{key}': unknown value \"{text}\" (expected {expected})");
        return false;
    }
}
