namespace TrdpSim.Tests.Devices;

/// <summary>Hands a subscription a valid 'Pd' of ComId 1000 with no data, as the receive loop does after the frame checks.</summary>
internal static class SubscriptionFeed
{
    public static void Feed(this Subscription subscription, uint source, uint sequence, long now)
    {
        var header = new PdHeader
        {
            SequenceCounter = sequence, ProtocolVersion = PdFrame.CurrentProtocolVersion, MessageType = TrdpMessageType.Pd, ComId = 1000,
        };
        subscription.OnTelegram(header, source, [], now);
    }
}
