namespace TrdpSim.Pipeline;

/// <summary>Drains the wheel inbox (MD frames, pull and statistics requests) at every wake-up before the due timers fire, so a reply that arrived before its
/// session's timeout is matched even when the wheel wakes late, and replies and confirmations decided here
/// leave in the same flush.</summary>
internal sealed class WheelInboxWork(WheelInbox inbox) : ITickWork
{
    public void Run(long nowNanoseconds) => inbox.Drain(nowNanoseconds);
}
