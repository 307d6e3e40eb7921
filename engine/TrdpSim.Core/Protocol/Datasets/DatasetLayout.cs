namespace TrdpSim.Protocol.Datasets;

/// <summary>
/// Precomputed flat layout of a fixed-size dataset (no variable arrays at any level): every primitive
/// leaf with its path, type and byte offset, and the total wire size. Built once at configuration time so
/// publishers can write single field values straight into a frame with <see cref="FieldWriter"/> at a known
/// offset, without marshalling or allocating per cycle.
/// </summary>
/// <remarks>Immutable and thread-safe after creation. Character arrays are expanded per item ("tag[0]" …).</remarks>
public sealed class DatasetLayout
{
    private readonly DatasetLayoutField[] _fields;
    private readonly Dictionary<string, int> _index;

    private DatasetLayout(DatasetDefinition definition, DatasetLayoutField[] fields, int size)
    {
        Definition = definition;
        _fields = fields;
        Size = size;
        _index = new Dictionary<string, int>(fields.Length, StringComparer.Ordinal);
        for (int i = 0; i < fields.Length; i++)
        {
            _index[fields[i].Path] = i;
        }
    }

    /// <summary>The top-level dataset.</summary>
    internal DatasetDefinition Definition { get; }

    /// <summary>Leaves in wire order.</summary>
    internal IReadOnlyList<DatasetLayoutField> Fields => _fields;

    /// <summary>Total wire size (the datasetLength).</summary>
    public int Size { get; }

    /// <summary>
    /// Builds the layout of <paramref name="datasetId"/>; fails (with a message) for unknown ids, invalid
    /// type codes, variable-size arrays, cycles or nesting deeper than <see cref="DatasetCatalog.MaxNestingDepth"/>.
    /// </summary>
    public static bool TryCreate(DatasetCatalog catalog, uint datasetId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out DatasetLayout? layout, out string? error)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        layout = null;
        error = null;
        if (!catalog.TryGet(datasetId, out DatasetDefinition? definition))
        {
            error = $"Unknown dataset {datasetId}.";
            return false;
        }

        var fields = new List<DatasetLayoutField>();
        int offset = 0;
        if (!Flatten(catalog, definition, string.Empty, 0, fields, ref offset, ref error))
        {
            return false;
        }

        layout = new DatasetLayout(definition, [.. fields], offset);
        return true;
    }

    /// <summary>Like <see cref="TryCreate"/>, throwing <see cref="InvalidOperationException"/> on failure.</summary>
    public static DatasetLayout Create(DatasetCatalog catalog, uint datasetId) =>
        TryCreate(catalog, datasetId, out DatasetLayout? layout, out string? error)
            ? layout
            : throw new InvalidOperationException(error);

    /// <summary>Finds a leaf by path (ordinal, e.g. "nested[1].a").</summary>
    internal bool TryGetField(string path, out DatasetLayoutField field)
    {
        if (_index.TryGetValue(path, out int i))
        {
            field = _fields[i];
            return true;
        }

        field = default;
        return false;
    }

    /// <summary>Index of a leaf in <see cref="Fields"/>, or -1.</summary>
    public int IndexOf(string path) => _index.TryGetValue(path, out int i) ? i : -1;

    private static bool Flatten(DatasetCatalog catalog, DatasetDefinition definition, string prefix, int depth, List<DatasetLayoutField> fields, ref int offset, ref string? error)
    {
        if (depth > DatasetCatalog.MaxNestingDepth)
        {
            error = $"{definition}: nesting deeper than {DatasetCatalog.MaxNestingDepth} levels (or a cycle).";
            return false;
        }

        foreach (DatasetElement element in definition.Elements)
        {
            if (element.IsVariableArray)
            {
                error = $"{definition}, element '{element.Name}': variable-size array; the dataset has no fixed layout.";
                return false;
            }

            bool scalar = element.ArraySize == 1;
            DatasetDefinition? nested = null;
            if (element.IsNested && !catalog.TryGet(element.Type, out nested))
            {
                error = $"{definition}, element '{element.Name}': unknown nested dataset {element.Type}.";
                return false;
            }

            int size = TrdpDataTypes.WireSize(element.PrimitiveType);
            if (nested is null && size == 0)
            {
                error = $"{definition}, element '{element.Name}': invalid type code {element.Type}.";
                return false;
            }

            for (int i = 0; i < element.ArraySize; i++)
            {
                string path = scalar ? prefix + element.Name : $"{prefix}{element.Name}[{i}]";
                if (nested is not null)
                {
                    if (!Flatten(catalog, nested, path + ".", depth + 1, fields, ref offset, ref error))
                    {
                        return false;
                    }
                }
                else
                {
                    fields.Add(new DatasetLayoutField(path, element.PrimitiveType, offset, scalar ? -1 : i));
                    offset += size;
                }

                if (offset > MdFrame.MaxDatasetLength)
                {
                    error = $"{definition}: larger than the maximum dataset of {MdFrame.MaxDatasetLength} bytes.";
                    return false;
                }
            }
        }

        return true;
    }
}
