using System.Globalization;

namespace TrdpSim.Protocol.Datasets;

/// <summary>Sizes, names and parsing of <see cref="TrdpDataType"/> codes (trdp-wire.md §9.1).</summary>
internal static class TrdpDataTypes
{
    /// <summary>Highest primitive type code.</summary>
    public const uint MaxPrimitiveCode = 16;

    /// <summary>TRDP_TYPE_MAX: element type codes above this are nested dataset ids.</summary>
    public const uint MaxTypeCode = 30;

    /// <summary>True for codes 1…16.</summary>
    public static bool IsPrimitive(uint typeCode) => typeCode is >= 1 and <= MaxPrimitiveCode;

    /// <summary>True for codes above 30 (a nested dataset id).</summary>
    public static bool IsNested(uint typeCode) => typeCode > MaxTypeCode;

    /// <summary>Wire size in bytes of a primitive type; 0 for <see cref="TrdpDataType.None"/> or unknown codes.</summary>
    public static int WireSize(TrdpDataType type) => type switch
    {
        TrdpDataType.Bool8 or TrdpDataType.Char8 or TrdpDataType.Int8 or TrdpDataType.UInt8 => 1,
        TrdpDataType.Utf16 or TrdpDataType.Int16 or TrdpDataType.UInt16 => 2,
        TrdpDataType.Int32 or TrdpDataType.UInt32 or TrdpDataType.Real32 or TrdpDataType.TimeDate32 => 4,
        TrdpDataType.TimeDate48 => 6,
        TrdpDataType.Int64 or TrdpDataType.UInt64 or TrdpDataType.Real64 or TrdpDataType.TimeDate64 => 8,
        _ => 0,
    };

    /// <summary>True for the types whose value can size a following variable array: (U)INT8/16/32.</summary>
    public static bool IsArrayCountType(TrdpDataType type) =>
        type is TrdpDataType.Int8 or TrdpDataType.Int16 or TrdpDataType.Int32
            or TrdpDataType.UInt8 or TrdpDataType.UInt16 or TrdpDataType.UInt32;

    /// <summary>True for the signed integer types INT8…INT64.</summary>
    public static bool IsSigned(TrdpDataType type) => type is >= TrdpDataType.Int8 and <= TrdpDataType.Int64;

    /// <summary>True for the character types whose arrays are represented as text (CHAR8, UTF16).</summary>
    public static bool IsCharacter(TrdpDataType type) => type is TrdpDataType.Char8 or TrdpDataType.Utf16;

    /// <summary>The canonical XML name ("BOOL8", "UINT16", …), or null for codes outside 1…16.</summary>
    public static string? GetName(TrdpDataType type) => type switch
    {
        TrdpDataType.Bool8 => "BOOL8",
        TrdpDataType.Char8 => "CHAR8",
        TrdpDataType.Utf16 => "UTF16",
        TrdpDataType.Int8 => "INT8",
        TrdpDataType.Int16 => "INT16",
        TrdpDataType.Int32 => "INT32",
        TrdpDataType.Int64 => "INT64",
        TrdpDataType.UInt8 => "UINT8",
        TrdpDataType.UInt16 => "UINT16",
        TrdpDataType.UInt32 => "UINT32",
        TrdpDataType.UInt64 => "UINT64",
        TrdpDataType.Real32 => "REAL32",
        TrdpDataType.Real64 => "REAL64",
        TrdpDataType.TimeDate32 => "TIMEDATE32",
        TrdpDataType.TimeDate48 => "TIMEDATE48",
        TrdpDataType.TimeDate64 => "TIMEDATE64",
        _ => null,
    };

    /// <summary>
    /// Parses an XML <c>type</c> attribute: a type name (case-insensitive; BITSET8/ANTIVALENT8 → 1,
    /// UTF8 → 2) or a decimal number (a primitive code 1…16 or a nested dataset id &gt; 30).
    /// </summary>
    public static bool TryParse(string? text, out uint typeCode)
    {
        typeCode = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        string name = text.Trim();
        if (uint.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out uint number))
        {
            typeCode = number;
            return IsPrimitive(number) || IsNested(number);
        }

        typeCode = name.ToUpperInvariant() switch
        {
            "BOOL8" or "BITSET8" or "ANTIVALENT8" => 1,
            "CHAR8" or "UTF8" => 2,
            "UTF16" => 3,
            "INT8" => 4,
            "INT16" => 5,
            "INT32" => 6,
            "INT64" => 7,
            "UINT8" => 8,
            "UINT16" => 9,
            "UINT32" => 10,
            "UINT64" => 11,
            "REAL32" => 12,
            "REAL64" => 13,
            "TIMEDATE32" => 14,
            "TIMEDATE48" => 15,
            "TIMEDATE64" => 16,
            _ => 0,
        };
        return typeCode != 0;
    }

    /// <summary>Like <see cref="TryParse"/> but throws <see cref="FormatException"/> on an unknown name.</summary>
    public static uint Parse(string text)
    {
        if (!TryParse(text, out uint code))
        {
            throw new FormatException($"Unknown TRDP data type '{text}'.");
        }

        return code;
    }
}
