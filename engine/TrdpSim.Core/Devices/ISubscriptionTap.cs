namespace TrdpSim.Devices;

/// <summary>Receives a subscription's accepted telegrams and timeouts (scenario hooks).</summary>
/// <remarks>Called on the device's receive thread, inside the receive loop: implementations must not
/// block or allocate; they copy what they need and hand it on.</remarks>
public interface ISubscriptionTap
{
    void OnTelegram(Subscription subscription, uint sequence, uint source, ReadOnlySpan<byte> dataset, long now);

    /// <param name="subscription">The subscription that timed out.</param>
    /// <param name="now">When the timeout was found.</param>
    /// <param name="selfInflicted">Its deadline fell inside a stall of trdpsim's own threads (the
    /// subscription's self-inflicted check): the simulator's doing, not the publisher's.</param>
    void OnTimeout(Subscription subscription, long now, bool selfInflicted);
}
