using TrdpSim.Buffers;
using TrdpSim.Distributions;

namespace TrdpSim.Pipeline;

/// <summary>What an outlet's frames pass through before the wire when faults are attached to it (the fault
/// library's chain). Wheel thread only.</summary>
internal interface IOutletStage
{
    /// <summary>Sends a frame the caller keeps unchanged until the tick's flush (a telegram's own frame)
    /// through the faults; they deliver it with <see cref="Outlet.Deliver"/> or drop, copy, delay it.</summary>
    void Emit(byte[] frame, int length, in FrameRoute route, long intendedNanoseconds);

    /// <summary>Sends a pooled copy the stage now owns through the faults.</summary>
    void EmitCopy(TelegramBuffer copy, in FrameRoute route, long intendedNanoseconds);

    /// <summary>The time to the next cycle after the faults have stretched it (cycle drift).</summary>
    long Stretch(long cycleNanoseconds);

    /// <summary>Bends an MD listener's reply decision (withheld, late, error, wrong port).</summary>
    void ShapeReply(ref ReplyDecision decision, long callerTimeoutNanoseconds, ref bool fromAlternatePort);

    /// <summary>Whether an MD caller withholds the confirmation of this 'Mq'.</summary>
    bool WithholdsConfirm();
}
