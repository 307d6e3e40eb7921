namespace TrdpSim.Protocol.Datasets;

/// <summary>One element of a dataset definition (XML <c>&lt;element name= type= array-size= …/&gt;</c>).</summary>
internal sealed class DatasetElement
{
    /// <summary>Creates an element.</summary>
    /// <param name="name">Element name (used for value lookup and layout paths).</param>
    /// <param name="type">Primitive code 1…16, or a nested dataset id &gt; 30.</param>
    /// <param name="arraySize">1 = scalar (default), n &gt; 1 = fixed array, 0 = variable array sized by the previous element.</param>
    public DatasetElement(string name, uint type, uint arraySize = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        Type = type;
        ArraySize = arraySize;
    }

    /// <summary>Creates a primitive element.</summary>
    public DatasetElement(string name, TrdpDataType type, uint arraySize = 1)
        : this(name, (uint)type, arraySize)
    {
    }

    /// <summary>Element name.</summary>
    public string Name { get; }

    /// <summary>Type code: 1…16 primitive (<see cref="TrdpDataType"/>), &gt; 30 nested dataset id.</summary>
    public uint Type { get; }

    /// <summary>1 scalar, n fixed array, 0 variable array.</summary>
    public uint ArraySize { get; }

    /// <summary>Display unit (informational only).</summary>
    public string? Unit { get; init; }

    /// <summary>Display scale (informational only).</summary>
    public double? Scale { get; init; }

    /// <summary>Display offset (informational only).</summary>
    public double? Offset { get; init; }

    /// <summary>True when <see cref="Type"/> is a nested dataset id.</summary>
    public bool IsNested => TrdpDataTypes.IsNested(Type);

    /// <summary>The primitive type, or <see cref="TrdpDataType.None"/> for nested/invalid codes.</summary>
    public TrdpDataType PrimitiveType => TrdpDataTypes.IsPrimitive(Type) ? (TrdpDataType)Type : TrdpDataType.None;

    /// <summary>True for <c>array-size="0"</c>.</summary>
    public bool IsVariableArray => ArraySize == 0;

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Name}: {TrdpDataTypes.GetName(PrimitiveType) ?? Type.ToString()}{(ArraySize == 1 ? string.Empty : $"[{ArraySize}]")}";
}
