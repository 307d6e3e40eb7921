namespace TrdpSim.IntegrationTests.Transport;

/// <summary>A send socket connected to its main peer still reaches other destinations in the same batch.</summary>
public sealed class ConnectedEndpointTests
{
    private const uint Loopback = Ip4Endpoint.LoopbackAddress;

    [Fact]
    public void ConnectedSenderReachesItsPeerAndOtherDestinationsInOneBatch()
    {
        var transport = new SocketUdpTransport();
        using var peer = transport.Open(new UdpEndpointOptions { BindAddress = Loopback });
        using var other = transport.Open(new UdpEndpointOptions { BindAddress = Loopback });
        using var sender = transport.Open(new UdpEndpointOptions { BindAddress = Loopback + 1, ConnectTo = peer.LocalEndpoint });

        var batch = Loopbacks.Batch(10, 48, peer.LocalEndpoint);
        for (var i = 1; i < batch.Length; i += 3)
        {
            batch[i].Destination = other.LocalEndpoint;
        }

        Assert.Equal(10, sender.Send(batch));
        var slots = Loopbacks.Slots(16, 2048);
        Assert.Equal(7, Loopbacks.ReceiveExactly(peer, slots, 7));
        Assert.Equal(3, Loopbacks.ReceiveExactly(other, slots, 3));
        Assert.Equal(sender.LocalEndpoint, slots[0].Source);
        Assert.Equal(0, sender.Stats.SendErrors);
    }
}
