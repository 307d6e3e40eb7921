using System.Text;

namespace TrdpSim.Protocol.Datasets;

/// <content>Wire form → value tree.</content>
internal sealed partial class DatasetMarshaller
{
    /// <summary>
    /// Unmarshals dataset <paramref name="datasetId"/> from <paramref name="data"/> (trailing bytes such as
    /// padding are ignored; <paramref name="consumed"/> tells how many were used). Short data yields
    /// <see cref="MarshalStatus.DataTooShort"/> (TCNopen -50), never an exception.
    /// </summary>
    public MarshalStatus TryUnmarshal(uint datasetId, ReadOnlySpan<byte> data, out DatasetValue? value, out int consumed, out string? error)
    {
        value = null;
        consumed = 0;
        error = null;
        if (!_catalog.TryGet(datasetId, out DatasetDefinition? definition))
        {
            error = $"Unknown dataset {datasetId}.";
            return MarshalStatus.UnknownDataset;
        }

        int position = 0;
        MarshalStatus status = UnmarshalDataset(definition, data, ref position, 0, out value, ref error);
        consumed = status == MarshalStatus.Ok ? position : 0;
        return status;
    }

    /// <summary>Unmarshals or throws <see cref="DatasetMarshalException"/>.</summary>
    public DatasetValue Unmarshal(uint datasetId, ReadOnlySpan<byte> data)
    {
        MarshalStatus status = TryUnmarshal(datasetId, data, out DatasetValue? value, out _, out string? error);
        return status == MarshalStatus.Ok ? value! : throw new DatasetMarshalException(status, error ?? status.ToString());
    }

    private MarshalStatus UnmarshalDataset(DatasetDefinition definition, ReadOnlySpan<byte> data, ref int position, int depth, out DatasetValue? value, ref string? error)
    {
        value = null;
        if (depth > DatasetCatalog.MaxNestingDepth)
        {
            error = $"{definition}: nesting deeper than {DatasetCatalog.MaxNestingDepth} levels.";
            return MarshalStatus.InvalidDefinition;
        }

        var fields = new List<KeyValuePair<string, DatasetValue>>(definition.Elements.Count);
        long? count = null;
        IReadOnlyList<DatasetElement> elements = definition.Elements;
        for (int e = 0; e < elements.Count; e++)
        {
            DatasetElement element = elements[e];
            MarshalStatus status = ItemCount(definition, element, count, out int items, ref error);
            DatasetValue? item = null;
            if (status == MarshalStatus.Ok)
            {
                status = element.ArraySize == 1
                    ? UnmarshalItem(definition, element, data, ref position, depth, out item, ref error)
                    : UnmarshalArray(definition, element, items, data, ref position, depth, out item, ref error);
            }

            if (status != MarshalStatus.Ok)
            {
                return status;
            }

            fields.Add(DatasetValue.Field(element.Name, item!));
            count = element.ArraySize == 1 && TrdpDataTypes.IsArrayCountType(element.PrimitiveType) ? item!.AsInt64() : null;
        }

        value = DatasetValue.FromRecord(fields);
        return MarshalStatus.Ok;
    }

    private MarshalStatus UnmarshalArray(DatasetDefinition definition, DatasetElement element, int items, ReadOnlySpan<byte> data, ref int position, int depth, out DatasetValue? value, ref string? error)
    {
        value = null;
        TrdpDataType type = element.PrimitiveType;
        if (TrdpDataTypes.IsCharacter(type))
        {
            int size = TrdpDataTypes.WireSize(type);
            if ((long)items * size > data.Length - position)
            {
                return TooShort(definition, element, (long)items * size, data.Length - position, position, ref error);
            }

            var text = new StringBuilder(items);
            for (int i = 0; i < items; i++)
            {
                text.Append((char)FieldReader.ReadUnsigned(data[position..], type));
                position += size;
            }

            value = DatasetValue.FromText(text.ToString());
            return MarshalStatus.Ok;
        }

        var list = new List<DatasetValue>(Math.Min(items, 1024));
        for (int i = 0; i < items; i++)
        {
            MarshalStatus status = UnmarshalItem(definition, element, data, ref position, depth, out DatasetValue? item, ref error);
            if (status != MarshalStatus.Ok)
            {
                return status;
            }

            list.Add(item!);
        }

        value = DatasetValue.FromArray(list);
        return MarshalStatus.Ok;
    }

    private MarshalStatus UnmarshalItem(DatasetDefinition definition, DatasetElement element, ReadOnlySpan<byte> data, ref int position, int depth, out DatasetValue? value, ref string? error)
    {
        value = null;
        if (element.IsNested)
        {
            if (!_catalog.TryGet(element.Type, out DatasetDefinition? nested))
            {
                error = $"{definition}, element '{element.Name}': unknown nested dataset {element.Type}.";
                return MarshalStatus.UnknownDataset;
            }

            return UnmarshalDataset(nested, data, ref position, depth + 1, out value, ref error);
        }

        TrdpDataType type = element.PrimitiveType;
        int size = TrdpDataTypes.WireSize(type);
        if (size == 0)
        {
            error = $"{definition}, element '{element.Name}': invalid type code {element.Type}.";
            return MarshalStatus.InvalidDefinition;
        }

        if (data.Length - position < size)
        {
            return TooShort(definition, element, size, data.Length - position, position, ref error);
        }

        ReadOnlySpan<byte> field = data.Slice(position, size);
        position += size;
        switch (type)
        {
            case TrdpDataType.Real32 or TrdpDataType.Real64:
                value = DatasetValue.FromDouble(FieldReader.ReadReal(field, type));
                break;
            case TrdpDataType.TimeDate32 or TrdpDataType.TimeDate48 or TrdpDataType.TimeDate64:
                FieldReader.ReadTimeDate(field, type, out uint seconds, out int fraction);
                value = DatasetValue.FromTimeDate(seconds, fraction);
                break;
            default:
                value = TrdpDataTypes.IsSigned(type)
                    ? DatasetValue.FromInt64(FieldReader.ReadInteger(field, type))
                    : DatasetValue.FromUInt64(FieldReader.ReadUnsigned(field, type));
                break;
        }

        return MarshalStatus.Ok;
    }

    private static MarshalStatus TooShort(DatasetDefinition definition, DatasetElement element, long needed, int available, int offset, ref string? error)
    {
        error = $"{definition}, element '{element.Name}': needs {needed} bytes at offset {offset}, only {Math.Max(available, 0)} left (marshalling error {TcnopenMarshallingError}).";
        return MarshalStatus.DataTooShort;
    }
}
