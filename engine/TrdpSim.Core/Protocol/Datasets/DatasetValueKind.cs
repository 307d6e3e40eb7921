namespace TrdpSim.Protocol.Datasets;

/// <summary>What a <see cref="DatasetValue"/> holds.</summary>
public enum DatasetValueKind : byte
{
    /// <summary>Signed integer (<see cref="DatasetValue.AsInt64"/>); produced for INT8…INT64.</summary>
    Signed,

    /// <summary>Unsigned integer (<see cref="DatasetValue.AsUInt64"/>); produced for BOOL8, scalar CHAR8/UTF16, UINT8…UINT64.</summary>
    Unsigned,

    /// <summary>Floating point (<see cref="DatasetValue.AsDouble"/>); produced for REAL32/REAL64.</summary>
    Real,

    /// <summary>Seconds + fraction (<see cref="DatasetValue.Seconds"/>, <see cref="DatasetValue.Fraction"/>); produced for TIMEDATE32/48/64.</summary>
    TimeDate,

    /// <summary>Text (<see cref="DatasetValue.Text"/>); produced for CHAR8/UTF16 arrays, NULs included.</summary>
    Text,

    /// <summary>Array items (<see cref="DatasetValue.Items"/>).</summary>
    Array,

    /// <summary>Named fields of a dataset (<see cref="DatasetValue.FieldNames"/> + <see cref="DatasetValue.Items"/>).</summary>
    Record,
}
