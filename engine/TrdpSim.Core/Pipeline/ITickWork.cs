namespace TrdpSim.Pipeline;

/// <summary>Work the wheel thread does at the end of every tick, before the send batches are flushed.</summary>
public interface ITickWork
{
    /// <summary>Runs on the wheel thread; must be quick and must not block.</summary>
    void Run(long nowNanoseconds);
}
