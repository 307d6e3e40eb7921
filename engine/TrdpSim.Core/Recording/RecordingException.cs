namespace TrdpSim.Recording;

/// <summary>A recording file that cannot be created; the message names the file and the reason.</summary>
public sealed class RecordingException : IOException
{
    public RecordingException()
    {
    }

    public RecordingException(string message)
        : base(message)
    {
    }

    public RecordingException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
