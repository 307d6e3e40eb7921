using System.Globalization;
using System.Text;

namespace TrdpSim.Protocol.Datasets;

/// <summary>
/// An immutable value tree for one dataset instance, used by <see cref="DatasetMarshaller"/> (off the hot
/// path; allocations are fine here).
/// </summary>
/// <remarks>
/// <para>A dataset is a <see cref="DatasetValueKind.Record"/> whose fields are named like the definition's
/// elements. A scalar element is a leaf; an array element (fixed or variable) is an
/// <see cref="DatasetValueKind.Array"/> of leaves/records, except CHAR8 and UTF16 arrays which may also be
/// <see cref="DatasetValueKind.Text"/> (unmarshal always yields Text for them, keeping NULs; marshal pads a
/// shorter text of a fixed array with NULs). A nested dataset is a Record.</para>
/// <para>Leaf kinds: INT types unmarshal as Signed, BOOL8/CHAR8/UTF16/UINT types as Unsigned, REAL as Real,
/// TIMEDATE32/48/64 as TimeDate (fraction = 0, ticks of 1/65536 s, or microseconds respectively).
/// Marshal also accepts Signed for unsigned elements and vice versa (range-checked), integers for REAL and
/// TIMEDATE elements.</para>
/// <para>Equality (<see cref="Equals(DatasetValue)"/>) is structural and kind-sensitive.</para>
/// </remarks>
public sealed class DatasetValue : IEquatable<DatasetValue>
{
    private static readonly DatasetValue[] NoItems = [];
    private static readonly string[] NoNames = [];

    private readonly ulong _bits;
    private readonly int _fraction;
    private readonly string? _text;
    private readonly DatasetValue[] _items = NoItems;
    private readonly string[] _names = NoNames;

    private DatasetValue(DatasetValueKind kind, ulong bits = 0, int fraction = 0, string? text = null, DatasetValue[]? items = null, string[]? names = null)
    {
        Kind = kind;
        _bits = bits;
        _fraction = fraction;
        _text = text;
        _items = items ?? NoItems;
        _names = names ?? NoNames;
    }

    /// <summary>What this value holds.</summary>
    public DatasetValueKind Kind { get; }

    /// <summary>Seconds of a TimeDate value (also the value of integer kinds, truncated to 32 bits).</summary>
    public uint Seconds => (uint)_bits;

    /// <summary>Fraction of a TimeDate value: TIMEDATE48 ticks (1/65536 s) or TIMEDATE64 microseconds; 0 otherwise.</summary>
    public int Fraction => _fraction;

    /// <summary>Text of a Text value; null otherwise.</summary>
    public string? Text => _text;

    /// <summary>Items of an Array, or field values of a Record (in definition order); empty otherwise.</summary>
    public IReadOnlyList<DatasetValue> Items => _items;

    /// <summary>Field names of a Record, parallel to <see cref="Items"/>; empty otherwise.</summary>
    public IReadOnlyList<string> FieldNames => _names;

    /// <summary>Field of a Record by name (ordinal); throws <see cref="KeyNotFoundException"/> when absent.</summary>
    public DatasetValue this[string name] =>
        TryGetField(name, out DatasetValue? value) ? value : throw new KeyNotFoundException($"No field '{name}'.");

    /// <summary>Item of an Array (or field of a Record) by position.</summary>
    public DatasetValue this[int index] => _items[index];

    /// <summary>A signed integer leaf.</summary>
    public static DatasetValue FromInt64(long value) => new(DatasetValueKind.Signed, unchecked((ulong)value));

    /// <summary>An unsigned integer leaf.</summary>
    public static DatasetValue FromUInt64(ulong value) => new(DatasetValueKind.Unsigned, value);

    /// <summary>A BOOL8 leaf: Unsigned 1 or 0.</summary>
    public static DatasetValue FromBoolean(bool value) => FromUInt64(value ? 1u : 0u);

    /// <summary>A floating-point leaf.</summary>
    public static DatasetValue FromDouble(double value) => new(DatasetValueKind.Real, BitConverter.DoubleToUInt64Bits(value));

    /// <summary>A TIMEDATE leaf: seconds since 1970 plus ticks (TIMEDATE48) or microseconds (TIMEDATE64).</summary>
    public static DatasetValue FromTimeDate(uint seconds, int fraction = 0) => new(DatasetValueKind.TimeDate, seconds, fraction);

    /// <summary>A text value for a CHAR8 (Latin-1 octets) or UTF16 array.</summary>
    public static DatasetValue FromText(string text) => new(DatasetValueKind.Text, text: text ?? string.Empty);

    /// <summary>An array value.</summary>
    public static DatasetValue FromArray(params IEnumerable<DatasetValue> items) => new(DatasetValueKind.Array, items: [.. items]);

    /// <summary>A record (dataset) value with named fields in definition order.</summary>
    public static DatasetValue FromRecord(params IEnumerable<KeyValuePair<string, DatasetValue>> fields)
    {
        var names = new List<string>();
        var items = new List<DatasetValue>();
        foreach (KeyValuePair<string, DatasetValue> field in fields)
        {
            names.Add(field.Key);
            items.Add(field.Value);
        }

        return new DatasetValue(DatasetValueKind.Record, items: [.. items], names: [.. names]);
    }

    /// <summary>Shorthand for a record field: <c>DatasetValue.Field("a", DatasetValue.FromUInt64(1))</c>.</summary>
    public static KeyValuePair<string, DatasetValue> Field(string name, DatasetValue value) => new(name, value);

    /// <summary>Looks up a Record field by name.</summary>
    public bool TryGetField(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out DatasetValue? value)
    {
        int index = Array.IndexOf(_names, name);
        value = index >= 0 ? _items[index] : null;
        return value is not null;
    }

    /// <summary>Integer view: Signed as is, Unsigned reinterpreted, Real truncated, TimeDate seconds.</summary>
    public long AsInt64() => Kind switch
    {
        DatasetValueKind.Real => (long)AsDouble(),
        _ => unchecked((long)_bits),
    };

    /// <summary>Unsigned view: Unsigned as is, Signed reinterpreted, Real truncated, TimeDate seconds.</summary>
    public ulong AsUInt64() => Kind switch
    {
        DatasetValueKind.Real => (ulong)AsDouble(),
        _ => _bits,
    };

    /// <summary>Floating view of any numeric kind (TimeDate: seconds only).</summary>
    public double AsDouble() => Kind switch
    {
        DatasetValueKind.Real => BitConverter.UInt64BitsToDouble(_bits),
        DatasetValueKind.Signed => unchecked((long)_bits),
        _ => _bits,
    };

    /// <summary>The exact integer value of a Signed/Unsigned/TimeDate(seconds) leaf, for range checks; false for other kinds.</summary>
    public bool TryGetInteger(out Int128 value)
    {
        switch (Kind)
        {
            case DatasetValueKind.Signed:
                value = unchecked((long)_bits);
                return true;
            case DatasetValueKind.Unsigned:
            case DatasetValueKind.TimeDate:
                value = _bits;
                return true;
            default:
                value = 0;
                return false;
        }
    }

    /// <inheritdoc/>
    public bool Equals(DatasetValue? other)
    {
        if (other is null || other.Kind != Kind || other._bits != _bits || other._fraction != _fraction
            || !string.Equals(other._text, _text, StringComparison.Ordinal)
            || other._items.Length != _items.Length || !other._names.AsSpan().SequenceEqual(_names))
        {
            return false;
        }

        for (int i = 0; i < _items.Length; i++)
        {
            if (!_items[i].Equals(other._items[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as DatasetValue);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Kind, _bits, _fraction, _text, _items.Length);

    /// <summary>A compact JSON-like rendering for logs and test messages.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder();
        Append(builder);
        return builder.ToString();
    }

    private void Append(StringBuilder builder)
    {
        switch (Kind)
        {
            case DatasetValueKind.Signed:
                builder.Append(AsInt64().ToString(CultureInfo.InvariantCulture));
                break;
            case DatasetValueKind.Unsigned:
                builder.Append(_bits.ToString(CultureInfo.InvariantCulture));
                break;
            case DatasetValueKind.Real:
                builder.Append(AsDouble().ToString("R", CultureInfo.InvariantCulture));
                break;
            case DatasetValueKind.TimeDate:
                builder.Append(CultureInfo.InvariantCulture, $"{{sec:{Seconds},frac:{_fraction}}}");
                break;
            case DatasetValueKind.Text:
                builder.Append('"').Append(_text!.Replace("\0", "\\0", StringComparison.Ordinal)).Append('"');
                break;
            case DatasetValueKind.Array:
                builder.Append('[');
                for (int i = 0; i < _items.Length; i++)
                {
                    builder.Append(i == 0 ? string.Empty : ",");
                    _items[i].Append(builder);
                }

                builder.Append(']');
                break;
            default:
                builder.Append('{');
                for (int i = 0; i < _items.Length; i++)
                {
                    builder.Append(i == 0 ? string.Empty : ",").Append(_names[i]).Append(':');
                    _items[i].Append(builder);
                }

                builder.Append('}');
                break;
        }
    }
}
