namespace TrdpSim.Protocol.Datasets;

/// <summary>Outcome of <see cref="DatasetMarshaller"/> operations; details are in the accompanying error text.</summary>
public enum MarshalStatus : byte
{
    /// <summary>Success.</summary>
    Ok,

    /// <summary>The dataset id (or a nested id) is not in the catalog.</summary>
    UnknownDataset,

    /// <summary>The definition cannot be marshalled (invalid type code, bad variable-array count source, nesting too deep).</summary>
    InvalidDefinition,

    /// <summary>The value tree does not fit the definition (missing field, wrong kind, out of range, wrong item count).</summary>
    InvalidValue,

    /// <summary>The destination span is too small.</summary>
    DestinationTooSmall,

    /// <summary>The received data is shorter than the definition needs (TCNopen TRDP_MARSHALLING_ERR, -50).</summary>
    DataTooShort,
}
