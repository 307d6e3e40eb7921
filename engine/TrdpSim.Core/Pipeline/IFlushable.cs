namespace TrdpSim.Pipeline;

/// <summary>A sender whose batch the send stage flushes at the end of a wheel tick.</summary>
internal interface IFlushable
{
    /// <summary>Sends everything batched (wheel thread).</summary>
    void Flush();
}
