namespace TrdpSim.Scheduling;

/// <summary>Work that another thread hands to the wheel thread through <see cref="WheelDriver.Post"/>,
/// typically a schedule or cancel of a <see cref="WheelTimer"/>.</summary>
/// <remarks>
/// <para><b>Threading.</b> <see cref="Execute"/> runs on the wheel thread at the start of a tick, before
/// <see cref="TimingWheel.Advance"/>, so it is the only safe way for another thread to touch the wheel or a
/// scheduled timer. Commands from one producer execute in posting order.</para>
/// <para><b>Allocation.</b> Posting allocates nothing. Commands are objects the caller owns: pre-allocate one
/// per publication/session and reuse it once it has executed (for example, a flag the command clears in
/// <see cref="Execute"/>), or allocate them off the hot path (configuration changes, scenario start).
/// The queue holds a reference until execution; do not mutate a command that is still queued.</para>
/// </remarks>
public interface IWheelCommand
{
    /// <summary>Runs on the wheel thread. Should be O(1); an exception is caught and counted by the driver.</summary>
    void Execute(TimingWheel wheel);
}
