namespace TrdpSim.Protocol.Datasets;

/// <summary>
/// TRDP primitive data type wire codes (TRDP_DATA_TYPE_T, trdp-wire.md §9.1). Codes above
/// <see cref="TrdpDataTypes.MaxTypeCode"/> (30) in a dataset element are nested dataset ids instead.
/// </summary>
/// <remarks>
/// XML aliases: BITSET8 and ANTIVALENT8 share code 1 with BOOL8; UTF8 shares code 2 with CHAR8. They
/// are parsed by <see cref="TrdpDataTypes.TryParse"/> and not repeated here, so each value has one name.
/// </remarks>
public enum TrdpDataType : byte
{
    /// <summary>Not a primitive type (invalid, or a nested dataset).</summary>
    None = 0,

    /// <summary>1: BOOL8 / BITSET8 / ANTIVALENT8, one octet.</summary>
    Bool8 = 1,

    /// <summary>2: CHAR8 / UTF8, one octet.</summary>
    Char8 = 2,

    /// <summary>3: UTF-16 code unit, 2 bytes BE.</summary>
    Utf16 = 3,

    /// <summary>4: signed 8-bit.</summary>
    Int8 = 4,

    /// <summary>5: signed 16-bit BE.</summary>
    Int16 = 5,

    /// <summary>6: signed 32-bit BE.</summary>
    Int32 = 6,

    /// <summary>7: signed 64-bit BE.</summary>
    Int64 = 7,

    /// <summary>8: unsigned 8-bit.</summary>
    UInt8 = 8,

    /// <summary>9: unsigned 16-bit BE.</summary>
    UInt16 = 9,

    /// <summary>10: unsigned 32-bit BE.</summary>
    UInt32 = 10,

    /// <summary>11: unsigned 64-bit BE.</summary>
    UInt64 = 11,

    /// <summary>12: IEEE 754 single, BE.</summary>
    Real32 = 12,

    /// <summary>13: IEEE 754 double, BE.</summary>
    Real64 = 13,

    /// <summary>14: UINT32 seconds since 1970-01-01 UTC.</summary>
    TimeDate32 = 14,

    /// <summary>15: UINT32 seconds + UINT16 ticks (1/65536 s), 6 bytes.</summary>
    TimeDate48 = 15,

    /// <summary>16: UINT32 seconds + INT32 microseconds, 8 bytes.</summary>
    TimeDate64 = 16,
}
