using TrdpSim.Transport;

namespace TrdpSim.Pipeline;

/// <summary>Sees a copy of frames at the seams every frame passes — a send port's flush, an outlet's TCP send, the
/// PD and MD receive loops, the TCP framer — for a recorder.</summary>
/// <remarks>
/// <para>Where nothing listens the seam holds null and pays one null check; composition hands a tap only to the
/// seams whose frames are wanted (<see cref="IFrameTaps"/>).</para>
/// <para>Called on the thread that sends or receives (the wheel thread, a receive thread, a TCP I/O thread),
/// possibly on several at once: an implementation copies what it keeps, never blocks and never allocates.</para>
/// </remarks>
public interface IFrameTap
{
    /// <summary>One frame that left (after the send call) or arrived (with the receive loop's timestamp).</summary>
    /// <param name="frame">The UDP payload or MD frame on TCP; valid only during the call.</param>
    /// <param name="source">Sender's address and port.</param>
    /// <param name="destination">Receiver's address and port.</param>
    /// <param name="timestampNanoseconds">Monotonic time (<see cref="TrdpSim.Scheduling.MonotonicClock"/>).</param>
    void OnFrame(ReadOnlySpan<byte> frame, Ip4Endpoint source, Ip4Endpoint destination, long timestampNanoseconds);
}
