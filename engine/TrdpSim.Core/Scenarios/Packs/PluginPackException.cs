namespace TrdpSim.Scenarios.Packs;

/// <summary>A pack could not be written, verified or installed; the message says why, for the user.</summary>
internal sealed class PluginPackException : Exception
{
    public PluginPackException()
    {
    }

    public PluginPackException(string message)
        : base(message)
    {
    }

    public PluginPackException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
