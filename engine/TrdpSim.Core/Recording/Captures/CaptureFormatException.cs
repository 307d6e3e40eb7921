namespace TrdpSim.Recording.Captures;

/// <summary>A capture file that is not pcap or pcapng, or is broken; the message names the byte offset and what
/// was wrong there.</summary>
public sealed class CaptureFormatException : IOException
{
    public CaptureFormatException()
    {
    }

    public CaptureFormatException(string message)
        : base(message)
    {
    }

    public CaptureFormatException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public CaptureFormatException(long offset, string problem)
        : base($"at byte {offset}: {problem}")
    {
        Offset = offset;
    }

    /// <summary>Where in the file the problem is.</summary>
    public long Offset { get; }
}
