namespace TrdpSim.Protocol.Datasets;

/// <summary>
/// Converts <see cref="DatasetValue"/> trees to the packed big-endian wire form of a dataset and back,
/// following TCNopen's <c>tau_marshall</c> rules (trdp-wire.md §9.2): elements in definition order with no
/// alignment, arrays as consecutive items, nested datasets inline, and a variable array
/// (<c>array-size="0"</c>) sized by the value of the scalar 8/16/32-bit integer element right before it.
/// </summary>
/// <remarks>
/// Off the hot path (allocates value trees). Failures are reported as <see cref="MarshalStatus"/> plus a
/// message naming dataset and element; the <c>Try…</c> methods never throw for bad data. For
/// per-cycle field updates of fixed-size datasets use <see cref="DatasetLayout"/> + <see cref="FieldWriter"/>.
/// Thread-safe as long as the catalog is not modified.
/// </remarks>
internal sealed partial class DatasetMarshaller
{
    /// <summary>TCNopen's error code for "data shorter than the definition" (TRDP_MARSHALLING_ERR).</summary>
    public const int TcnopenMarshallingError = -50;

    private readonly DatasetCatalog _catalog;

    /// <summary>Creates a marshaller over <paramref name="catalog"/> (validate the catalog first).</summary>
    public DatasetMarshaller(DatasetCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _catalog = catalog;
    }

    /// <summary>The catalog used to resolve dataset ids.</summary>
    public DatasetCatalog Catalog => _catalog;

    /// <summary>Marshals <paramref name="value"/> (a Record) as dataset <paramref name="datasetId"/> into <paramref name="destination"/>.</summary>
    public MarshalStatus TryMarshal(uint datasetId, DatasetValue value, Span<byte> destination, out int written, out string? error)
    {
        ArgumentNullException.ThrowIfNull(value);
        written = 0;
        error = null;
        if (!_catalog.TryGet(datasetId, out DatasetDefinition? definition))
        {
            error = $"Unknown dataset {datasetId}.";
            return MarshalStatus.UnknownDataset;
        }

        int position = 0;
        MarshalStatus status = MarshalDataset(definition, value, destination, ref position, 0, ref error);
        written = status == MarshalStatus.Ok ? position : 0;
        return status;
    }

    /// <summary>Marshals into a new array sized exactly; throws <see cref="DatasetMarshalException"/> on failure.</summary>
    public byte[] Marshal(uint datasetId, DatasetValue value)
    {
        var buffer = new byte[MdFrame.MaxDatasetLength];
        MarshalStatus status = TryMarshal(datasetId, value, buffer, out int written, out string? error);
        if (status != MarshalStatus.Ok)
        {
            throw new DatasetMarshalException(status, error ?? status.ToString());
        }

        return buffer.AsSpan(0, written).ToArray();
    }

    private MarshalStatus MarshalDataset(DatasetDefinition definition, DatasetValue value, Span<byte> destination, ref int position, int depth, ref string? error)
    {
        if (depth > DatasetCatalog.MaxNestingDepth)
        {
            error = $"{definition}: nesting deeper than {DatasetCatalog.MaxNestingDepth} levels.";
            return MarshalStatus.InvalidDefinition;
        }

        if (value.Kind != DatasetValueKind.Record)
        {
            error = $"{definition}: expected a record value, got {value.Kind}.";
            return MarshalStatus.InvalidValue;
        }

        long? count = null;
        IReadOnlyList<DatasetElement> elements = definition.Elements;
        for (int e = 0; e < elements.Count; e++)
        {
            DatasetElement element = elements[e];
            if (!value.TryGetField(element.Name, out DatasetValue? item))
            {
                error = $"{definition}, element '{element.Name}': no value given.";
                return MarshalStatus.InvalidValue;
            }

            MarshalStatus status = ItemCount(definition, element, count, out int items, ref error);
            if (status == MarshalStatus.Ok)
            {
                status = element.ArraySize == 1
                    ? MarshalItem(definition, element, item, destination, ref position, depth, ref error)
                    : MarshalArray(definition, element, item, items, destination, ref position, depth, ref error);
            }

            if (status != MarshalStatus.Ok)
            {
                return status;
            }

            count = element.ArraySize == 1 && TrdpDataTypes.IsArrayCountType(element.PrimitiveType) ? item.AsInt64() : null;
        }

        return MarshalStatus.Ok;
    }

    private static MarshalStatus ItemCount(DatasetDefinition definition, DatasetElement element, long? count, out int items, ref string? error)
    {
        items = (int)Math.Min(element.ArraySize, int.MaxValue);
        if (!element.IsVariableArray)
        {
            return MarshalStatus.Ok;
        }

        if (count is null)
        {
            error = $"{definition}, element '{element.Name}': variable array without a preceding 8/16/32-bit integer count element.";
            return MarshalStatus.InvalidDefinition;
        }

        if (count < 0 || count > MdFrame.MaxDatasetLength)
        {
            error = $"{definition}, element '{element.Name}': item count {count} from the previous element is out of range.";
            return MarshalStatus.InvalidValue;
        }

        items = (int)count.Value;
        return MarshalStatus.Ok;
    }

    private MarshalStatus MarshalArray(DatasetDefinition definition, DatasetElement element, DatasetValue value, int items, Span<byte> destination, ref int position, int depth, ref string? error)
    {
        TrdpDataType type = element.PrimitiveType;
        if (value.Kind == DatasetValueKind.Text && TrdpDataTypes.IsCharacter(type))
        {
            string text = value.Text!;
            if (text.Length > items || (element.IsVariableArray && text.Length != items))
            {
                error = $"{definition}, element '{element.Name}': text of {text.Length} characters does not fit {items} items.";
                return MarshalStatus.InvalidValue;
            }

            for (int i = 0; i < items; i++)
            {
                char c = i < text.Length ? text[i] : '\0';
                if (type == TrdpDataType.Char8 && c > '\xFF')
                {
                    error = $"{definition}, element '{element.Name}': character U+{(int)c:X4} does not fit CHAR8.";
                    return MarshalStatus.InvalidValue;
                }

                int size = TrdpDataTypes.WireSize(type);
                if (destination.Length - position < size)
                {
                    error = $"{definition}, element '{element.Name}': destination too small ({destination.Length} bytes).";
                    return MarshalStatus.DestinationTooSmall;
                }

                position += FieldWriter.WriteUnsigned(destination[position..], type, c);
            }

            return MarshalStatus.Ok;
        }

        if (value.Kind != DatasetValueKind.Array || value.Items.Count != items)
        {
            error = $"{definition}, element '{element.Name}': expected an array of {items} items, got {(value.Kind == DatasetValueKind.Array ? $"{value.Items.Count} items" : value.Kind.ToString())}.";
            return MarshalStatus.InvalidValue;
        }

        for (int i = 0; i < items; i++)
        {
            MarshalStatus status = MarshalItem(definition, element, value.Items[i], destination, ref position, depth, ref error);
            if (status != MarshalStatus.Ok)
            {
                return status;
            }
        }

        return MarshalStatus.Ok;
    }

    private MarshalStatus MarshalItem(DatasetDefinition definition, DatasetElement element, DatasetValue value, Span<byte> destination, ref int position, int depth, ref string? error)
    {
        if (!element.IsNested)
        {
            return MarshalPrimitive(definition, element, value, destination, ref position, ref error);
        }

        if (!_catalog.TryGet(element.Type, out DatasetDefinition? nested))
        {
            error = $"{definition}, element '{element.Name}': unknown nested dataset {element.Type}.";
            return MarshalStatus.UnknownDataset;
        }

        return MarshalDataset(nested, value, destination, ref position, depth + 1, ref error);
    }
}
