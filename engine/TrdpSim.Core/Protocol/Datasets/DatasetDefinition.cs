namespace TrdpSim.Protocol.Datasets;

/// <summary>A dataset definition (XML <c>&lt;data-set id= name=&gt;</c>): an ordered list of elements.</summary>
internal sealed class DatasetDefinition
{
    private readonly DatasetElement[] _elements;

    /// <summary>Creates a definition; the element list is copied.</summary>
    public DatasetDefinition(uint id, string name, IEnumerable<DatasetElement> elements)
    {
        ArgumentNullException.ThrowIfNull(elements);
        Id = id;
        Name = name ?? string.Empty;
        _elements = [.. elements];
    }

    /// <summary>Dataset id (user datasets use ids above 1000).</summary>
    public uint Id { get; }

    /// <summary>Dataset name (informational).</summary>
    public string Name { get; }

    /// <summary>Elements in wire order.</summary>
    public IReadOnlyList<DatasetElement> Elements => _elements;

    /// <inheritdoc/>
    public override string ToString() => $"dataset {Id} '{Name}'";
}
