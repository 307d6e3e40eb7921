using System.Buffers.Binary;
using System.Numerics;
using TrdpSim.Protocol.Internal;

namespace TrdpSim.Protocol.Datasets;

/// <summary>
/// Writes one primitive field value at the start of a span in TRDP wire form (big-endian, packed), for
/// publishers that patch individual fields of a fixed-size dataset in place (see <see cref="DatasetLayout"/>).
/// Allocation-free; each method returns the number of bytes written (the type's wire size).
/// </summary>
/// <remarks>
/// Conversions never fail, they saturate: an integer outside the target range is clamped to the nearest
/// representable value (e.g. 300 → UINT8 255, -1 → UINT16 0); a real written to an integer type is
/// truncated toward zero, then clamped, NaN becomes 0; a real written to REAL32 is rounded to single
/// precision (overflow gives ±infinity). BOOL8/CHAR8 are treated as 8-bit unsigned, UTF16 as 16-bit
/// unsigned. TIMEDATE targets take whole seconds (clamped to 0…2³²−1); a real's fractional part becomes
/// TIMEDATE48 ticks (1/65536 s) or TIMEDATE64 microseconds. A span shorter than the wire size or a
/// non-primitive type is a caller bug and throws.
/// </remarks>
internal static class FieldWriter
{
    /// <summary>Writes a signed integer value, saturating to the target type.</summary>
    public static int WriteInteger(Span<byte> destination, TrdpDataType type, long value)
    {
        switch (type)
        {
            case TrdpDataType.Bool8 or TrdpDataType.Char8 or TrdpDataType.UInt8:
                destination[0] = (byte)Math.Clamp(value, byte.MinValue, byte.MaxValue);
                return 1;
            case TrdpDataType.Int8:
                destination[0] = unchecked((byte)(sbyte)Math.Clamp(value, sbyte.MinValue, sbyte.MaxValue));
                return 1;
            case TrdpDataType.Utf16 or TrdpDataType.UInt16:
                BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)Math.Clamp(value, ushort.MinValue, ushort.MaxValue));
                return 2;
            case TrdpDataType.Int16:
                BinaryPrimitives.WriteInt16BigEndian(destination, (short)Math.Clamp(value, short.MinValue, short.MaxValue));
                return 2;
            case TrdpDataType.Int32:
                BinaryPrimitives.WriteInt32BigEndian(destination, (int)Math.Clamp(value, int.MinValue, int.MaxValue));
                return 4;
            case TrdpDataType.UInt32 or TrdpDataType.TimeDate32:
                BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)Math.Clamp(value, uint.MinValue, uint.MaxValue));
                return 4;
            case TrdpDataType.Int64:
                BinaryPrimitives.WriteInt64BigEndian(destination, value);
                return 8;
            case TrdpDataType.UInt64:
                BinaryPrimitives.WriteUInt64BigEndian(destination, value < 0 ? 0 : (ulong)value);
                return 8;
            case TrdpDataType.Real32 or TrdpDataType.Real64:
                return WriteIntegerAsReal(destination, type, value);
            case TrdpDataType.TimeDate48 or TrdpDataType.TimeDate64:
                return WriteTimeDate(destination, type, (uint)Math.Clamp(value, uint.MinValue, uint.MaxValue), 0);
            default:
                return Unsupported(type);
        }
    }

    /// <summary>Writes an unsigned integer value, saturating to the target type.</summary>
    public static int WriteUnsigned(Span<byte> destination, TrdpDataType type, ulong value)
    {
        switch (type)
        {
            case TrdpDataType.UInt64:
                BinaryPrimitives.WriteUInt64BigEndian(destination, value);
                return 8;
            case TrdpDataType.Real32 or TrdpDataType.Real64:
                return WriteIntegerAsReal(destination, type, value);
            default:
                return WriteInteger(destination, type, value > long.MaxValue ? long.MaxValue : (long)value);
        }
    }

    /// <summary>Writes a floating-point value: exact for REAL64, rounded for REAL32, truncated and saturated for integers.</summary>
    public static int WriteReal(Span<byte> destination, TrdpDataType type, double value)
    {
        switch (type)
        {
            case TrdpDataType.Real32:
                BinaryPrimitives.WriteSingleBigEndian(destination, (float)value);
                return 4;
            case TrdpDataType.Real64:
                BinaryPrimitives.WriteDoubleBigEndian(destination, value);
                return 8;
            case TrdpDataType.UInt64:
                BinaryPrimitives.WriteUInt64BigEndian(destination, double.IsNaN(value) || value <= 0 ? 0 : value >= 18446744073709551615.0 ? ulong.MaxValue : (ulong)value);
                return 8;
            case TrdpDataType.TimeDate48 or TrdpDataType.TimeDate64:
            {
                double whole = double.IsNaN(value) ? 0 : Math.Clamp(Math.Floor(value), 0, uint.MaxValue);
                double fraction = double.IsNaN(value) || value < 0 || value > uint.MaxValue ? 0 : value - whole;
                int scaled = type == TrdpDataType.TimeDate48
                    ? Math.Min((int)(fraction * 65536), ushort.MaxValue)
                    : Math.Min((int)(fraction * 1_000_000), 999_999);
                return WriteTimeDate(destination, type, (uint)whole, scaled);
            }

            default:
                long integer = double.IsNaN(value) ? 0
                    : value >= 9223372036854775807.0 ? long.MaxValue
                    : value <= -9223372036854775808.0 ? long.MinValue
                    : (long)value;
                return WriteInteger(destination, type, integer);
        }
    }

    /// <summary>
    /// Writes a time value: TIMEDATE32 = seconds; TIMEDATE48 = seconds + <paramref name="fraction"/> ticks
    /// (clamped to 0…65535); TIMEDATE64 = seconds + <paramref name="fraction"/> microseconds (written as given).
    /// Other types receive <paramref name="seconds"/> as an unsigned value.
    /// </summary>
    public static int WriteTimeDate(Span<byte> destination, TrdpDataType type, uint seconds, int fraction)
    {
        switch (type)
        {
            case TrdpDataType.TimeDate48:
                BinaryPrimitives.WriteUInt32BigEndian(destination, seconds);
                BinaryPrimitives.WriteUInt16BigEndian(destination[4..], (ushort)Math.Clamp(fraction, 0, ushort.MaxValue));
                return 6;
            case TrdpDataType.TimeDate64:
                BinaryPrimitives.WriteUInt32BigEndian(destination, seconds);
                BinaryPrimitives.WriteInt32BigEndian(destination[4..], fraction);
                return 8;
            default:
                return WriteInteger(destination, type, seconds);
        }
    }

    /// <summary>An integer written to REAL32 or REAL64: converted once, straight from the integer (a detour
    /// through <see cref="double"/> could round a large value twice).</summary>
    private static int WriteIntegerAsReal<T>(Span<byte> destination, TrdpDataType type, T value)
        where T : IBinaryInteger<T>
    {
        if (type == TrdpDataType.Real32)
        {
            BinaryPrimitives.WriteSingleBigEndian(destination, float.CreateTruncating(value));
            return 4;
        }

        BinaryPrimitives.WriteDoubleBigEndian(destination, double.CreateTruncating(value));
        return 8;
    }

    private static int Unsupported(TrdpDataType type)
    {
        ProtocolThrow.Argument($"Type code {(int)type} is not a primitive TRDP type.", nameof(type));
        return 0;
    }
}
