using TrdpSim.Transport;

namespace TrdpSim.IntegrationTests.Transport;

/// <summary>Multicast over the loopback interface, as TRDP PD uses it (trdp-wire.md §1).</summary>
public class MulticastLoopbackTests
{
    private const uint Loopback = Ip4Endpoint.LoopbackAddress;

    [LoopbackMulticastFact]
    public void AJoinedReceiverGetsWhatAnotherEndpointSendsToTheGroup()
    {
        uint group = Ip4Endpoint.ParseAddress("239.192.77.0") + (uint)Random.Shared.Next(1, 250);
        var transport = new SocketUdpTransport();
        using IUdpEndpoint receiver = transport.Open(new UdpEndpointOptions
        {
            BindAddress = Ip4Endpoint.AnyAddress,
            MulticastInterface = Loopback,
            MulticastGroups = [group],
        });
        using IUdpEndpoint sender = transport.Open(new UdpEndpointOptions { BindAddress = Loopback, MulticastInterface = Loopback, Qos = 5 });

        var destination = new Ip4Endpoint(group, receiver.LocalEndpoint.Port);
        Assert.Equal(4, sender.Send(Loopbacks.Batch(4, 40, destination)));
        IncomingDatagram[] slots = Loopbacks.Slots(8, 2048);
        int got = Loopbacks.ReceiveExactly(receiver, slots, 4);
        Assert.Equal(4, got);
        Assert.Equal(sender.LocalEndpoint, slots[0].Source);

        receiver.LeaveGroup(group);
        sender.Send(Loopbacks.Batch(1, 40, destination));
        Assert.Equal(0, receiver.Receive(slots, 200));
    }
}
