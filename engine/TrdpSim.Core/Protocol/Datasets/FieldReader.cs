using System.Buffers.Binary;
using TrdpSim.Protocol.Internal;

namespace TrdpSim.Protocol.Datasets;

/// <summary>
/// Reads one primitive field value from the start of a span in TRDP wire form; the counterpart of
/// <see cref="FieldWriter"/>. Allocation-free.
/// </summary>
/// <remarks>
/// Conversions saturate like <see cref="FieldWriter"/>: UINT64 above <see cref="long.MaxValue"/> reads as
/// long.MaxValue through <see cref="ReadInteger"/>; negative values read as 0 through
/// <see cref="ReadUnsigned"/>; reals are truncated toward zero (NaN → 0). TIMEDATE types read as whole
/// seconds through the integer methods and as seconds + fraction through <see cref="ReadReal"/>.
/// </remarks>
internal static class FieldReader
{
    /// <summary>Reads any primitive as a signed integer.</summary>
    public static long ReadInteger(ReadOnlySpan<byte> source, TrdpDataType type) => type switch
    {
        TrdpDataType.Bool8 or TrdpDataType.Char8 or TrdpDataType.UInt8 => source[0],
        TrdpDataType.Int8 => (sbyte)source[0],
        TrdpDataType.Utf16 or TrdpDataType.UInt16 => BinaryPrimitives.ReadUInt16BigEndian(source),
        TrdpDataType.Int16 => BinaryPrimitives.ReadInt16BigEndian(source),
        TrdpDataType.Int32 => BinaryPrimitives.ReadInt32BigEndian(source),
        TrdpDataType.UInt32 or TrdpDataType.TimeDate32 or TrdpDataType.TimeDate48 or TrdpDataType.TimeDate64 =>
            BinaryPrimitives.ReadUInt32BigEndian(source),
        TrdpDataType.Int64 => BinaryPrimitives.ReadInt64BigEndian(source),
        TrdpDataType.UInt64 => (long)Math.Min(BinaryPrimitives.ReadUInt64BigEndian(source), long.MaxValue),
        TrdpDataType.Real32 or TrdpDataType.Real64 => Truncate(ReadReal(source, type)),
        _ => Unsupported(type),
    };

    /// <summary>Reads any primitive as an unsigned integer (negative values read as 0).</summary>
    public static ulong ReadUnsigned(ReadOnlySpan<byte> source, TrdpDataType type)
    {
        if (type == TrdpDataType.UInt64)
        {
            return BinaryPrimitives.ReadUInt64BigEndian(source);
        }

        if (type is TrdpDataType.Real32 or TrdpDataType.Real64)
        {
            double value = ReadReal(source, type);
            return double.IsNaN(value) || value <= 0 ? 0 : value >= 18446744073709551615.0 ? ulong.MaxValue : (ulong)value;
        }

        long integer = ReadInteger(source, type);
        return integer < 0 ? 0 : (ulong)integer;
    }

    /// <summary>Reads any primitive as a double; TIMEDATE48/64 include their fraction (ticks/65536, µs/10⁶).</summary>
    public static double ReadReal(ReadOnlySpan<byte> source, TrdpDataType type) => type switch
    {
        TrdpDataType.Real32 => BinaryPrimitives.ReadSingleBigEndian(source),
        TrdpDataType.Real64 => BinaryPrimitives.ReadDoubleBigEndian(source),
        TrdpDataType.UInt64 => BinaryPrimitives.ReadUInt64BigEndian(source),
        TrdpDataType.TimeDate48 => BinaryPrimitives.ReadUInt32BigEndian(source) + (BinaryPrimitives.ReadUInt16BigEndian(source[4..]) / 65536.0),
        TrdpDataType.TimeDate64 => BinaryPrimitives.ReadUInt32BigEndian(source) + (BinaryPrimitives.ReadInt32BigEndian(source[4..]) / 1_000_000.0),
        _ => ReadInteger(source, type),
    };

    /// <summary>
    /// Reads a time value: seconds and the raw fraction (TIMEDATE48 ticks, TIMEDATE64 microseconds, else 0).
    /// Non-time types read their integer value as seconds (saturated to 32 bits).
    /// </summary>
    public static void ReadTimeDate(ReadOnlySpan<byte> source, TrdpDataType type, out uint seconds, out int fraction)
    {
        switch (type)
        {
            case TrdpDataType.TimeDate48:
                seconds = BinaryPrimitives.ReadUInt32BigEndian(source);
                fraction = BinaryPrimitives.ReadUInt16BigEndian(source[4..]);
                break;
            case TrdpDataType.TimeDate64:
                seconds = BinaryPrimitives.ReadUInt32BigEndian(source);
                fraction = BinaryPrimitives.ReadInt32BigEndian(source[4..]);
                break;
            default:
                seconds = (uint)Math.Clamp(ReadInteger(source, type), uint.MinValue, uint.MaxValue);
                fraction = 0;
                break;
        }
    }

    private static long Truncate(double value) =>
        double.IsNaN(value) ? 0
        : value >= 9223372036854775807.0 ? long.MaxValue
        : value <= -9223372036854775808.0 ? long.MinValue
        : (long)value;

    private static long Unsupported(TrdpDataType type)
    {
        ProtocolThrow.Argument($"Type code {(int)type} is not a primitive TRDP type.", nameof(type));
        return 0;
    }
}
