namespace TrdpSim.Devices.Md;

/// <summary>Lets a script compute a replier's answer: the request is handed over and the session waits
/// for <see cref="MdStation.CompleteScripted"/>.</summary>
/// <remarks>Called on the wheel thread; must not block. Returning false (the script's queue is full)
/// lets the replier answer as planned at once.</remarks>
internal interface IMdRequestTap
{
    /// <summary>Hands the request over; true when the session should wait for the script.</summary>
    bool TryTake(MdReplierSession session, in Protocol.MdHeader header, ReadOnlySpan<byte> payload, long nowNanoseconds);

    /// <summary>The script did not answer in time; the planned reply went out instead.</summary>
    void OnFallback(MdReplierSession session);
}
