using TrdpSim.Transport;

namespace TrdpSim.Pipeline;

/// <summary>The telegram behind a cyclic outlet, as the fault stage may see and ask it: its frame, its
/// schedule, and the two changes a fault makes to the telegram itself (an extra frame between cycles, a
/// sequence counter that jumps). Wheel thread only.</summary>
internal interface IOutletSource
{
    /// <summary>The telegram's own frame, prepared for the current cycle (valid for <see cref="FrameLength"/>).</summary>
    byte[] Frame { get; }

    int FrameLength { get; }

    /// <summary>Where the telegram's frames go.</summary>
    Ip4Endpoint Destination { get; }

    /// <summary>Bytes of dataset after the header.</summary>
    int PayloadLength { get; }

    /// <summary>Nanoseconds between sends (0 = not cyclic).</summary>
    long CycleNanoseconds { get; }

    /// <summary>Whether the next cycle is on the wheel, and when.</summary>
    bool IsScheduled { get; }

    long DeadlineNanoseconds { get; }

    /// <summary>Prepares one extra frame between cycles (next sequence number, fields move on) in the
    /// telegram's own frame; false when the telegram is silenced and sends nothing.</summary>
    bool TryPrepareExtraFrame();

    /// <summary>Writes <paramref name="sequence"/> into the prepared frame and counts on from it.</summary>
    void ContinueSequenceFrom(uint sequence);
}
