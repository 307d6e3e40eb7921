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

    [LoopbackMulticastFact]
    public void TwoDevicesOnTheSamePortReceiveOnlyTheGroupsEachJoined()
    {
        uint first = Ip4Endpoint.ParseAddress("239.192.78.0") + (uint)Random.Shared.Next(1, 120);
        uint second = first + 120;
        var transport = new SocketUdpTransport();
        ushort port;
        using (IUdpEndpoint probe = transport.Open(new UdpEndpointOptions { BindAddress = Ip4Endpoint.AnyAddress }))
        {
            port = probe.LocalEndpoint.Port; // a free port; shared below as devices share the PD port
        }

        using IUdpEndpoint deviceA = transport.Open(new UdpEndpointOptions
        {
            BindAddress = Ip4Endpoint.AnyAddress, Port = port, MulticastInterface = Loopback, MulticastGroups = [first],
        });
        using IUdpEndpoint deviceB = transport.Open(new UdpEndpointOptions
        {
            BindAddress = Ip4Endpoint.AnyAddress, Port = port, MulticastInterface = Loopback, MulticastGroups = [second],
        });
        using IUdpEndpoint sender = transport.Open(new UdpEndpointOptions { BindAddress = Loopback, MulticastInterface = Loopback });
        IncomingDatagram[] slots = Loopbacks.Slots(8, 2048);

        Assert.Equal(3, sender.Send(Loopbacks.Batch(3, 40, new Ip4Endpoint(first, deviceA.LocalEndpoint.Port))));
        Assert.Equal(3, Loopbacks.ReceiveExactly(deviceA, slots, 3));
        Assert.Equal(2, sender.Send(Loopbacks.Batch(2, 40, new Ip4Endpoint(second, deviceA.LocalEndpoint.Port))));
        Assert.Equal(2, Loopbacks.ReceiveExactly(deviceB, slots, 2));

        // Had the other device's membership leaked in (Linux's IP_MULTICAST_ALL default), these would hold the
        // other group's datagrams, which by now have been delivered.
        Assert.Equal(0, deviceA.Receive(slots, 100));
        Assert.Equal(0, deviceB.Receive(slots, 100));
    }
}
