namespace TrdpSim.Recording.Replay;

/// <summary>A replay that cannot start (a source address this host cannot bind); the message says what to do.</summary>
public sealed class ReplayException : Exception
{
    public ReplayException()
    {
    }

    public ReplayException(string message)
        : base(message)
    {
    }

    public ReplayException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
