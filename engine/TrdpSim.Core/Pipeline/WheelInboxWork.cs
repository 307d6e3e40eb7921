namespace TrdpSim.Pipeline;

/// <summary>Drains the MD inbox at the end of every wheel tick, before the send batches go out, so
/// replies and confirmations decided in this tick leave in the same flush.</summary>
internal sealed class WheelInboxWork(WheelInbox inbox) : ITickWork
{
    public void Run(long nowNanoseconds) => inbox.Drain(nowNanoseconds);
}
