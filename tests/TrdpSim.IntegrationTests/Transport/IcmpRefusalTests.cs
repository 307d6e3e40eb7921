namespace TrdpSim.IntegrationTests.Transport;

/// <summary>A connected UDP socket whose peer port is closed: each datagram draws an ICMP port-unreachable,
/// and Linux reports it on the *next* send with ECONNREFUSED, which did not send that datagram. The
/// reference stack sends every frame, so the endpoint must too (regression: every other frame was lost).</summary>
public sealed class IcmpRefusalTests
{
    private const uint Loopback = Ip4Endpoint.LoopbackAddress;

    [Fact]
    public void APendingPortUnreachableCostsNoDatagram()
    {
        var transport = new SocketUdpTransport();
        Ip4Endpoint closed;
        using (IUdpEndpoint gone = transport.Open(new UdpEndpointOptions { BindAddress = Loopback }))
        {
            closed = gone.LocalEndpoint;
        }

        using IUdpEndpoint sender = transport.Open(new UdpEndpointOptions { BindAddress = Loopback + 1, ConnectTo = closed });
        OutgoingDatagram[] one = Loopbacks.Batch(1, 8, closed);

        // Phase 1: nobody listens. One frame per call, as a cyclic publication sends; on loopback the
        // ICMP error is back before the call returns, so every call after the first meets one.
        const int Unheard = 20;
        int accepted = 0;
        for (int sequence = 0; sequence < Unheard; sequence++)
        {
            BinaryPrimitives.WriteInt32BigEndian(one[0].Buffer, sequence);
            accepted += sender.Send(one);
            Thread.Sleep(1);
        }

        Assert.Equal(Unheard, accepted);
        Assert.Equal(0, sender.Stats.SendErrors);
        Assert.Equal(Unheard, sender.Stats.Sent);
        Assert.True(sender.Stats.IcmpRefused > 0, "no send met a pending ICMP error: the test proved nothing");

        // Phase 2: the port opens again while the last frame's error is still pending on the sender.
        // Every following frame must arrive, in order, with consecutive sequence numbers.
        using IUdpEndpoint listener = transport.Open(new UdpEndpointOptions { BindAddress = closed.Address, Port = closed.Port, ReuseAddress = false });
        const int Heard = 20;
        for (int sequence = Unheard; sequence < Unheard + Heard; sequence++)
        {
            BinaryPrimitives.WriteInt32BigEndian(one[0].Buffer, sequence);
            Assert.Equal(1, sender.Send(one));
        }

        IncomingDatagram[] slots = Loopbacks.Slots(Heard + 4, 64);
        Assert.Equal(Heard, Loopbacks.ReceiveExactly(listener, slots, Heard));
        for (int i = 0; i < Heard; i++)
        {
            Assert.Equal(Unheard + i, BinaryPrimitives.ReadInt32BigEndian(slots[i].Payload));
        }

        Assert.Equal(0, sender.Stats.SendErrors);
    }

    [Fact]
    public void ABatchToAClosedPortLeavesWhole()
    {
        var transport = new SocketUdpTransport();
        Ip4Endpoint closed;
        using (IUdpEndpoint gone = transport.Open(new UdpEndpointOptions { BindAddress = Loopback }))
        {
            closed = gone.LocalEndpoint;
        }

        using IUdpEndpoint sender = transport.Open(new UdpEndpointOptions { BindAddress = Loopback + 1, ConnectTo = closed });
        OutgoingDatagram[] batch = Loopbacks.Batch(16, 8, closed);
        for (int round = 0; round < 4; round++)
        {
            Assert.Equal(16, sender.Send(batch));
        }

        Assert.Equal(64, sender.Stats.Sent);
        Assert.Equal(0, sender.Stats.SendErrors);
    }
}
