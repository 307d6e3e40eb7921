namespace TrdpSim.Protocol.Datasets;

/// <summary>Thrown by the throwing <see cref="DatasetMarshaller"/> overloads; carries the <see cref="MarshalStatus"/>.</summary>
internal sealed class DatasetMarshalException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DatasetMarshalException(MarshalStatus status, string message)
        : base(message)
    {
        Status = status;
    }

    /// <summary>Creates the exception with status <see cref="MarshalStatus.InvalidValue"/>.</summary>
    public DatasetMarshalException()
        : this(MarshalStatus.InvalidValue, "Dataset marshalling failed.")
    {
    }

    /// <summary>Creates the exception with status <see cref="MarshalStatus.InvalidValue"/>.</summary>
    public DatasetMarshalException(string message)
        : this(MarshalStatus.InvalidValue, message)
    {
    }

    /// <summary>Creates the exception with status <see cref="MarshalStatus.InvalidValue"/>.</summary>
    public DatasetMarshalException(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = MarshalStatus.InvalidValue;
    }

    /// <summary>Why marshalling failed.</summary>
    public MarshalStatus Status { get; }
}
