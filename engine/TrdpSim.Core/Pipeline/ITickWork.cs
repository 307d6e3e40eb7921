namespace TrdpSim.Pipeline;

/// <summary>Work the wheel thread does at every wake-up before its due timers fire; what it sends leaves in
/// that wake-up's flush.</summary>
public interface ITickWork
{
    /// <summary>Runs on the wheel thread; must be quick and must not block.</summary>
    void Run(long nowNanoseconds);
}
