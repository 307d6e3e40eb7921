using System.Globalization;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using TrdpSim.Plan;

namespace TrdpSim.Scenarios;

/// <summary>Reads one options object passed by a script (<c>{ comId: 1000, cycle: "100ms" }</c>): typed
/// values, and unknown keys rejected up front, as the TOML loader does.</summary>
/// <remarks>Only what the plan cannot hold is refused here (a wrong type, a number outside its type, an
/// unparsable duration or address, a missing required key), each with <see cref="ScenarioContext.Fail"/>: a
/// JS <c>Error</c> the script may catch, reported at the call when it does not. Every other rule is the plan
/// validator's, which reports at the call too: <see cref="Record"/> carries the call's position for every
/// key given.</remarks>
internal sealed class OptionReader
{
    private readonly ScenarioContext _context;
    private readonly ObjectInstance _object;
    private readonly string _what;

    public OptionReader(ScenarioContext context, JsValue value, string what, string[] keys)
    {
        _context = context;
        _what = what;
        if (value is not ObjectInstance obj || value is JsArray || value is Jint.Native.Function.Function)
        {
            throw context.Fail($"{what} expects an options object");
        }

        _object = obj;
        foreach (JsValue key in obj.GetOwnPropertyKeys())
        {
            string name = key.ToString();
            if (Array.IndexOf(keys, name) < 0)
            {
                throw context.Fail($"unknown option '{name}' in {what} (known: {string.Join(", ", keys)})");
            }
        }
    }

    public ScenarioContext Context => _context;

    /// <summary>Records every key given in the options (under the plan's kebab-case spelling:
    /// <c>payloadLength</c> → <c>payload-length</c>) at <paramref name="at"/>, the script's call.</summary>
    public void Record(PlanEntry entry, SourceLocation at)
    {
        foreach (JsValue key in _object.GetOwnPropertyKeys())
        {
            string name = key.ToString();
            if (Has(name))
            {
                entry.Keys.Record(Kebab(name), at);
            }
        }
    }

    /// <summary>The plan's spelling of a script's camelCase key.</summary>
    internal static string Kebab(string key)
    {
        var text = new System.Text.StringBuilder(key.Length + 4);
        foreach (char c in key)
        {
            if (char.IsAsciiLetterUpper(c))
            {
                text.Append('-').Append(char.ToLowerInvariant(c));
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }

    /// <summary>The raw value, or <c>null</c> when the key is absent or <c>undefined</c>.</summary>
    public JsValue? Raw(string key)
    {
        JsValue value = _object.Get(key);
        return value.IsUndefined() ? null : value;
    }

    public bool Has(string key) => Raw(key) is not null;

    public string String(string key, string fallback)
    {
        JsValue? value = Raw(key);
        if (value is null)
        {
            return fallback;
        }

        if (!value.IsString())
        {
            throw Bad(key, "must be a string");
        }

        return value.AsString();
    }

    /// <summary>A string that must be given (whether it may be empty is the validator's rule).</summary>
    public string RequiredString(string key) =>
        Has(key) ? String(key, string.Empty) : throw _context.Fail($"{_what} needs '{key}'");

    public double Number(string key, double fallback)
    {
        JsValue? value = Raw(key);
        if (value is null)
        {
            return fallback;
        }

        if (!value.IsNumber() || !double.IsFinite(value.AsNumber()))
        {
            throw Bad(key, "must be a finite number");
        }

        return value.AsNumber();
    }

    public long Integer(string key, long min, long max, long fallback)
    {
        JsValue? value = Raw(key);
        return value is null ? fallback : Integer(key, value, min, max);
    }

    public long RequiredInteger(string key, long min, long max) =>
        Raw(key) is { } value ? Integer(key, value, min, max) : throw _context.Fail($"{_what} needs '{key}'");

    public uint UInt32(string key, uint fallback) => (uint)Integer(key, 0, uint.MaxValue, fallback);

    public uint RequiredUInt32(string key) => (uint)RequiredInteger(key, 0, uint.MaxValue);

    /// <summary>An <see cref="int"/> option: any value outside <see cref="int"/>'s range is an error here, a value
    /// the plan's rules refuse is the validator's to report.</summary>
    public int Int32(string key, int fallback) => (int)Integer(key, int.MinValue, int.MaxValue, fallback);

    public TimeSpan Duration(string key, TimeSpan fallback) => OptionalDuration(key) ?? fallback;

    public TimeSpan? OptionalDuration(string key)
    {
        if (!Has(key))
        {
            return null;
        }

        string text = String(key, string.Empty);
        return DurationParser.TryParse(text, out TimeSpan value, out string error)
            ? value
            : throw Bad(key, $"'{text}' is not a duration: {error}");
    }

    /// <summary>An address the call must have: its absence is an error.</summary>
    public uint RequiredAddress(string key) =>
        Has(key) ? Address(key, 0) : throw _context.Fail($"{_what} needs '{key}'");

    public uint Address(string key, uint fallback)
    {
        if (!Has(key))
        {
            return fallback;
        }

        string text = String(key, string.Empty);
        return AddressParser.TryParse(text, out uint address) ? address : throw Bad(key, $"'{text}' is not an IPv4 address a.b.c.d");
    }

    public T Word<T>(string key, (string Word, T Value)[] words, T fallback)
    {
        if (!Has(key))
        {
            return fallback;
        }

        string text = String(key, string.Empty);
        var known = new string[words.Length];
        for (int i = 0; i < words.Length; i++)
        {
            if (words[i].Word == text)
            {
                return words[i].Value;
            }

            known[i] = words[i].Word;
        }

        throw Bad(key, $"'{text}' is not one of: {string.Join(", ", known)}");
    }

    /// <summary>An array option as its elements (empty when absent).</summary>
    public List<JsValue> Items(string key)
    {
        var items = new List<JsValue>();
        JsValue? value = Raw(key);
        if (value is null)
        {
            return items;
        }

        if (value is not JsArray array)
        {
            throw Bad(key, "must be an array");
        }

        uint length = array.Length;
        for (uint i = 0; i < length; i++)
        {
            items.Add(array.Get(i));
        }

        return items;
    }

    public Jint.Runtime.JavaScriptException Bad(string key, string problem) =>
        _context.Fail($"'{key}' in {_what} {problem}");

    private long Integer(string key, JsValue value, long min, long max)
    {
        double number = value.IsNumber() ? value.AsNumber() : double.NaN;
        if (!double.IsFinite(number) || Math.Floor(number) != number)
        {
            throw Bad(key, "must be an integer");
        }

        if (number < min || number > max)
        {
            throw Bad(key, string.Create(CultureInfo.InvariantCulture, $"must be between {min} and {max}, got {number}"));
        }

        return (long)number;
    }
}
