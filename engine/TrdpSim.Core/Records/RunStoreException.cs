namespace TrdpSim.Records;

/// <summary>The run store cannot be used: a file of a newer version, a run id that is not there or not unique,
/// a directory that cannot be created. The message names the file or the id.</summary>
internal sealed class RunStoreException : Exception
{
    public RunStoreException()
    {
    }

    public RunStoreException(string message)
        : base(message)
    {
    }

    public RunStoreException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
