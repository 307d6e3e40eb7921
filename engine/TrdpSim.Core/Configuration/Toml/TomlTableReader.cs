using System.Globalization;
using System.Text;
using Tomlyn.Syntax;
using TrdpSim.Plan;

namespace TrdpSim.Configuration.Toml;

/// <summary>Typed, position-aware reads from one <see cref="TomlTableNode"/> into one plan entry.</summary>
/// <remarks>Every read marks its key as known and used, and records where the key and its value are written
/// in the entry's <see cref="KeyPositions"/>, so the plan validator can point at them; after binding,
/// <see cref="ReportUnknownKeys"/> turns whatever the binder never asked for into "unknown key" errors. A
/// value that cannot be read (wrong type, out of its type's range, unparsable) is reported at the value and
/// marked reported in the entry; the read returns <c>false</c> so the binder keeps its default and carries on.
/// Reads judge no rules: ranges, relations and references are the validator's.</remarks>
internal sealed partial class TomlTableReader(TomlTableNode table, string context, PlanErrorSink errors, KeyPositions? keys = null)
{
    private readonly List<string> _known = [];

    public TomlTableNode Table { get; } = table;

    /// <summary>How the table is written, for messages: <c>[network]</c>, <c>[[device.publish]]</c>.</summary>
    public string Context { get; } = context;

    public PlanErrorSink Errors { get; } = errors;

    public SourceLocation Origin => Table.Origin;

    /// <summary>Where the entry's keys are recorded (null for tables that are no plan entry).</summary>
    public KeyPositions? Keys { get; } = keys;

    /// <summary>Finds <paramref name="key"/>, marking it known and used and recording its positions;
    /// <c>null</c> when absent. A value the parser could not read counts as reported.</summary>
    public TomlEntry? Take(string key)
    {
        if (!_known.Contains(key))
        {
            _known.Add(key);
        }

        TomlEntry? entry = Table.Find(key);
        if (entry is not null)
        {
            entry.Used = true;
            Keys?.Record(key, entry.KeyOrigin, entry.Value is null ? entry.KeyOrigin : entry.ValueOrigin);
            if (entry.IsBroken)
            {
                Keys?.MarkReported(key);
            }
        }

        return entry;
    }

    /// <summary>Reports a missing key at the table's header.</summary>
    public void Missing(string key)
    {
        Keys?.MarkReported(key);
        Errors.Add(Origin, $"missing required key '{key}' in {Context}");
    }

    /// <summary>Passes on whether a required key was read; reports it missing when the table lacks it (a value of
    /// the wrong type or out of range has been reported where it is written).</summary>
    private bool Required(string key, bool read)
    {
        if (!read && Table.Find(key) is null)
        {
            Missing(key);
        }

        return read;
    }

    /// <summary><see cref="TryString"/> of a key the table must have: reported as missing when absent.</summary>
    public bool TryRequiredString(string key, out string value) => Required(key, TryString(key, out value, out _));

    /// <summary><see cref="TryInteger"/> of a key the table must have: reported as missing when absent.</summary>
    public bool TryRequiredInteger(string key, long min, long max, out long value) =>
        Required(key, TryInteger(key, min, max, out value, out _));

    /// <summary><see cref="TryAddress"/> of a key the table must have: reported as missing when absent.</summary>
    public bool TryRequiredAddress(string key, out uint value) => Required(key, TryAddress(key, out value, out _));

    /// <summary>Binds every table of the array of tables <paramref name="key"/> with <paramref name="bind"/>, in order.</summary>
    public void BindAll<T>(string key, List<T> into, Func<TomlTableNode, PlanErrorSink, T> bind)
    {
        foreach (TomlTableNode table in TableArray(key))
        {
            into.Add(bind(table, Errors));
        }
    }

    /// <summary>Reports a problem at <paramref name="at"/> that concerns no plan key (a plugin manifest's).</summary>
    public void Error(SourceLocation at, string message) => Errors.Add(at, message);

    /// <summary>Reports a problem of <paramref name="key"/>'s value at <paramref name="at"/>; the validator
    /// judges no rule on the key then.</summary>
    public void Error(string key, SourceLocation at, string message)
    {
        Keys?.MarkReported(key);
        Errors.Add(at, message);
    }

    public bool TryString(string key, out string value, out SourceLocation at)
    {
        value = string.Empty;
        if (!TryValue(key, out TomlEntry? entry, out at))
        {
            return false;
        }

        if (entry.Value is StringValueSyntax { Value: { } text })
        {
            value = text;
            return true;
        }

        return WrongType(entry, "a string");
    }

    public bool TryInteger(string key, long min, long max, out long value, out SourceLocation at)
    {
        value = 0;
        if (!TryValue(key, out TomlEntry? entry, out at))
        {
            return false;
        }

        if (entry.Value is not IntegerValueSyntax integer)
        {
            return WrongType(entry, "an integer");
        }

        if (integer.Value < min || integer.Value > max)
        {
            Error(key, at, string.Create(CultureInfo.InvariantCulture,
                $"'{key}' must be between {min} and {max}, got {integer.Value}"));
            return false;
        }

        value = integer.Value;
        return true;
    }

    public bool TryNumber(string key, out double value, out SourceLocation at)
    {
        value = 0;
        if (!TryValue(key, out TomlEntry? entry, out at))
        {
            return false;
        }

        if (ToNumber(entry.Value, out value))
        {
            return true;
        }

        return WrongType(entry, "a number");
    }

    public bool TryBool(string key, out bool value)
    {
        value = false;
        if (!TryValue(key, out TomlEntry? entry, out _))
        {
            return false;
        }

        if (entry.Value is BooleanValueSyntax boolean)
        {
            value = boolean.Value;
            return true;
        }

        return WrongType(entry, "a boolean (true or false)");
    }

    public bool TryNumberArray(string key, List<double> values, out SourceLocation at) =>
        TryArray(key, values, "an array of numbers", "only numbers", ToNumber, out at);

    /// <summary>An array of IPv4 address strings (<c>interfaces = ["127.0.1.10", "127.0.2.10"]</c>).</summary>
    public bool TryAddressArray(string key, List<uint> values, out SourceLocation at) =>
        TryArray(key, values, "an array of IPv4 address strings", "only IPv4 addresses such as \"127.0.1.10\"", ToAddress, out at);

    /// <summary>An array of strings (<c>interfaces = ["a", "b"]</c>).</summary>
    public bool TryStringArray(string key, List<string> values, out SourceLocation at) =>
        TryArray(key, values, "an array of strings", "only strings", ToText, out at);

    private static bool ToText(ValueSyntax? value, out string text)
    {
        text = (value as StringValueSyntax)?.Value ?? string.Empty;
        return value is StringValueSyntax { Value: not null };
    }

    private static bool ToAddress(ValueSyntax? value, out uint address)
    {
        address = 0;
        return value is StringValueSyntax { Value: { } text } && AddressParser.TryParse(text, out address);
    }

    private delegate bool ItemReader<T>(ValueSyntax? value, out T item);

    /// <summary>An array whose items <paramref name="read"/> takes: every item it takes is added to
    /// <paramref name="values"/>; each other item is an error that says the array must hold
    /// <paramref name="itemsWanted"/>, and the result is false.</summary>
    private bool TryArray<T>(string key, List<T> values, string arrayWanted, string itemsWanted, ItemReader<T> read, out SourceLocation at)
    {
        if (!TryValue(key, out TomlEntry? entry, out at))
        {
            return false;
        }

        if (entry.Value is not ArraySyntax array)
        {
            return WrongType(entry, arrayWanted);
        }

        bool ok = true;
        foreach (ArrayItemSyntax item in array.Items)
        {
            if (read(item.Value, out T value))
            {
                values.Add(value);
            }
            else if (item.Value is not null)
            {
                Error(key, Position(item.Value), $"'{key}' must hold {itemsWanted}");
                ok = false;
            }
        }

        return ok;
    }

    /// <summary>The tables of an array of tables (<c>[[x.key]]</c> or <c>key = [{…}, …]</c>); empty when absent.</summary>
    public List<TomlTableNode> TableArray(string key)
    {
        TomlEntry? entry = Take(key);
        if (entry is null || entry.IsBroken)
        {
            return [];
        }

        if (entry.TableArray is not null)
        {
            return entry.TableArray;
        }

        WrongType(entry, $"an array of tables ([[{Join(key)}]])");
        return [];
    }

    /// <summary>A sub-table (<c>[x.key]</c>, dotted keys or an inline table); <c>null</c> when absent.</summary>
    public TomlTableNode? SubTable(string key)
    {
        TomlEntry? entry = Take(key);
        if (entry is null || entry.IsBroken)
        {
            return null;
        }

        if (entry.Table is not null)
        {
            return entry.Table;
        }

        WrongType(entry, $"a table ([{Join(key)}])");
        return null;
    }

    /// <summary>Reports every key of the table that no read asked for.</summary>
    public void ReportUnknownKeys()
    {
        foreach (TomlEntry entry in Table.Entries)
        {
            if (!entry.Used)
            {
                string what = entry.Table is not null || entry.TableArray is not null ? "section" : "key";
                Errors.Add(entry.KeyOrigin, $"unknown {what} '{entry.Key}' in {Context} (expected {KnownList()})");
            }
        }
    }

    public SourceLocation Position(SyntaxNode node) =>
        new(Origin.File, node.Span.Start.Line + 1, node.Span.Start.Column + 1);

    private bool TryValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TomlEntry? entry, out SourceLocation at)
    {
        entry = Take(key);
        at = Origin;
        if (entry is null || entry.IsBroken)
        {
            return false;
        }

        at = entry.ValueOrigin;
        return true;
    }

    private bool WrongType(TomlEntry entry, string expected)
    {
        SourceLocation at = entry.Table is not null || entry.TableArray is not null ? entry.KeyOrigin : entry.ValueOrigin;
        Error(entry.Key, at, $"'{entry.Key}' must be {expected}, not {entry.Describe()}");
        return false;
    }

    private static bool ToNumber(ValueSyntax? value, out double number)
    {
        switch (value)
        {
            case IntegerValueSyntax integer:
                number = integer.Value;
                return true;
            case FloatValueSyntax real:
                number = real.Value;
                return true;
            default:
                number = 0;
                return false;
        }
    }

    private string Join(string key) => Table.Path.Length == 0 ? key : Table.Path + "." + key;

    private string KnownList()
    {
        var text = new StringBuilder();
        foreach (string key in _known)
        {
            text.Append(text.Length == 0 ? string.Empty : ", ").Append(key);
        }

        return text.Length == 0 ? "no keys" : text.ToString();
    }
}
