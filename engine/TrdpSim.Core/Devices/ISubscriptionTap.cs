namespace TrdpSim.Devices;

/// <summary>Receives a subscription's accepted telegrams and timeouts (scenario hooks).</summary>
/// <remarks>Called on the device's receive thread, inside the receive loop: implementations must not
/// block or allocate; they copy what they need and hand it on.</remarks>
public interface ISubscriptionTap
{
    void OnTelegram(Subscription subscription, uint sequence, uint source, ReadOnlySpan<byte> dataset, long now);

    void OnTimeout(Subscription subscription, long now);
}
