namespace TrdpSim.Protocol.Datasets;

/// <content>Range-checked conversion of leaf values to primitive wire fields.</content>
internal sealed partial class DatasetMarshaller
{
    private static MarshalStatus MarshalPrimitive(DatasetDefinition definition, DatasetElement element, DatasetValue value, Span<byte> destination, ref int position, ref string? error)
    {
        TrdpDataType type = element.PrimitiveType;
        int size = TrdpDataTypes.WireSize(type);
        if (size == 0)
        {
            error = $"{definition}, element '{element.Name}': invalid type code {element.Type}.";
            return MarshalStatus.InvalidDefinition;
        }

        if (destination.Length - position < size)
        {
            error = $"{definition}, element '{element.Name}': destination too small ({destination.Length} bytes).";
            return MarshalStatus.DestinationTooSmall;
        }

        Span<byte> field = destination.Slice(position, size);
        switch (type)
        {
            case TrdpDataType.Real32 or TrdpDataType.Real64:
                if (value.Kind is not (DatasetValueKind.Real or DatasetValueKind.Signed or DatasetValueKind.Unsigned))
                {
                    return WrongKind(definition, element, value, ref error);
                }

                FieldWriter.WriteReal(field, type, value.AsDouble());
                break;

            case TrdpDataType.TimeDate32 or TrdpDataType.TimeDate48 or TrdpDataType.TimeDate64:
            {
                if (!value.TryGetInteger(out Int128 seconds) || seconds < 0 || seconds > uint.MaxValue)
                {
                    return WrongKind(definition, element, value, ref error);
                }

                int fraction = value.Fraction;
                bool fractionOk = type switch
                {
                    TrdpDataType.TimeDate48 => fraction is >= 0 and <= ushort.MaxValue,
                    TrdpDataType.TimeDate64 => fraction is >= 0 and <= 999_999,
                    _ => true,
                };
                if (!fractionOk)
                {
                    error = $"{definition}, element '{element.Name}': fraction {fraction} out of range for {TrdpDataTypes.GetName(type)}.";
                    return MarshalStatus.InvalidValue;
                }

                FieldWriter.WriteTimeDate(field, type, (uint)seconds, fraction);
                break;
            }

            default:
            {
                if (value.Kind == DatasetValueKind.TimeDate || !value.TryGetInteger(out Int128 integer))
                {
                    return WrongKind(definition, element, value, ref error);
                }

                (Int128 min, Int128 max) = Range(type);
                if (integer < min || integer > max)
                {
                    error = $"{definition}, element '{element.Name}': value {integer} out of range {min}…{max} for {TrdpDataTypes.GetName(type)}.";
                    return MarshalStatus.InvalidValue;
                }

                if (integer > long.MaxValue)
                {
                    FieldWriter.WriteUnsigned(field, type, (ulong)integer);
                }
                else
                {
                    FieldWriter.WriteInteger(field, type, (long)integer);
                }

                break;
            }
        }

        position += size;
        return MarshalStatus.Ok;
    }

    private static MarshalStatus WrongKind(DatasetDefinition definition, DatasetElement element, DatasetValue value, ref string? error)
    {
        error = $"{definition}, element '{element.Name}': a {value.Kind} value ({value}) cannot be written as {TrdpDataTypes.GetName(element.PrimitiveType)}.";
        return MarshalStatus.InvalidValue;
    }

    private static (Int128 Min, Int128 Max) Range(TrdpDataType type) => type switch
    {
        TrdpDataType.Int8 => (sbyte.MinValue, sbyte.MaxValue),
        TrdpDataType.Int16 => (short.MinValue, short.MaxValue),
        TrdpDataType.Int32 => (int.MinValue, int.MaxValue),
        TrdpDataType.Int64 => (long.MinValue, long.MaxValue),
        TrdpDataType.Utf16 or TrdpDataType.UInt16 => (0, ushort.MaxValue),
        TrdpDataType.UInt32 => (0, uint.MaxValue),
        TrdpDataType.UInt64 => (0, ulong.MaxValue),
        _ => (0, byte.MaxValue),
    };
}
