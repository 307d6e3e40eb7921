namespace TrdpSim.Protocol.Datasets;

/// <summary>One primitive leaf of a fixed-size dataset at a fixed byte offset (see <see cref="DatasetLayout"/>).</summary>
/// <param name="Path">Dotted path: "a", "list[2]", "nested[1].a", "inner.b".</param>
/// <param name="Type">Primitive wire type.</param>
/// <param name="Offset">Byte offset from the start of the dataset (add <see cref="PdFrame.HeaderSize"/> for a frame).</param>
/// <param name="ArrayIndex">Index within the leaf's own array element, or -1 for a scalar element.</param>
internal readonly record struct DatasetLayoutField(string Path, TrdpDataType Type, int Offset, int ArrayIndex)
{
    /// <summary>Wire size of the field.</summary>
    public int Size => TrdpDataTypes.WireSize(Type);
}
