using TrdpSim.Distributions;

namespace TrdpSim.Devices.Md;

/// <summary>Bends what a replier does with one request, after its planned <see cref="ReplyBehavior"/> decided.</summary>
/// <remarks>
/// The hook sees the plan's decision and may replace it (stay silent, answer later, answer with an
/// 'Me') or send the reply from another UDP port, so faults reuse the replier's session machinery
/// (silent sessions that swallow retries, delayed replies, 'Me' to the caller's MD port) instead of
/// duplicating it. Called once per new request on the wheel thread; must not allocate or block.
/// </remarks>
internal abstract class MdReplierHook : MdHook<MdReplierHook>
{
    /// <summary>Adjusts <paramref name="decision"/> for one request.</summary>
    /// <param name="decision">The decision so far (the plan's, possibly changed by earlier hooks).</param>
    /// <param name="callerTimeoutNanoseconds">The request's reply timeout in ns; 0 = infinite.</param>
    /// <param name="fromOtherPort">Set to true to send the reply from the station's other-port socket
    /// (<see cref="MdStation.OtherPortSender"/>) instead of the MD port.</param>
    internal abstract void Apply(ref ReplyDecision decision, long callerTimeoutNanoseconds, ref bool fromOtherPort);

    /// <summary>Runs every hook of the chain starting at <paramref name="head"/>.</summary>
    internal static void ApplyAll(MdReplierHook head, ref ReplyDecision decision, long callerTimeoutNanoseconds, ref bool fromOtherPort)
    {
        for (MdReplierHook? hook = head; hook is not null; hook = hook.Next)
        {
            hook.Apply(ref decision, callerTimeoutNanoseconds, ref fromOtherPort);
        }
    }
}
