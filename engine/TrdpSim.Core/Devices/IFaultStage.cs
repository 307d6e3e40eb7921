using TrdpSim.Scheduling;

namespace TrdpSim.Devices;

/// <summary>The faults a telegram's frames pass through on their way to the send batch (implemented by the
/// fault library). Wheel thread only.</summary>
internal interface IFaultStage
{
    /// <summary>Sends the telegram's prepared frame through the faults (one cycle).</summary>
    void Emit(long intendedNanoseconds, TimingWheel wheel);

    /// <summary>The time to the next cycle after the faults have stretched it (cycle drift).</summary>
    long Stretch(long cycleNanoseconds);
}
