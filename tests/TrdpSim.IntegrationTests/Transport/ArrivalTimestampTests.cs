namespace TrdpSim.IntegrationTests.Transport;

/// <summary>A datagram is timed from when it reached the socket (the kernel's receive timestamp), not from when a
/// receive call read it: a datagram that waited in the buffer — behind a receive thread that reads in rhythm, or one
/// the host did not run — must not look late, and the figures built on arrival times (latency, inter-arrival,
/// round trips, recordings) must not move with the reading.</summary>
public sealed class ArrivalTimestampTests
{
    private const uint Loopback = Ip4Endpoint.LoopbackAddress;
    private const long Ms = 1_000_000;

    [Fact]
    public void ADatagramThatWaitedInTheSocketIsTimedFromItsArrivalNotFromTheRead()
    {
        var transport = new SocketUdpTransport();
        using IUdpEndpoint receiver = transport.Open(new UdpEndpointOptions { BindAddress = Loopback });
        using IUdpEndpoint sender = transport.Open(new UdpEndpointOptions { BindAddress = Loopback });

        long before = MonotonicClock.NowNanoseconds();
        Assert.Equal(1, sender.Send(Loopbacks.Batch(1, 32, receiver.LocalEndpoint)));
        long after = MonotonicClock.NowNanoseconds(); // loopback delivers inside the send call
        Thread.Sleep(60);
        IncomingDatagram[] slots = Loopbacks.Slots(4, 2048);
        Assert.Equal(1, receiver.Receive(slots, 1000));
        long read = MonotonicClock.NowNanoseconds();

        long arrival = slots[0].ArrivalNanoseconds;
        Assert.InRange(arrival, before, after);
        Assert.True(read - arrival >= 50 * Ms, $"arrival {arrival}, read {read}: the wait in the buffer is not in the arrival time");
        Assert.Equal(arrival, slots[0].ArrivedAt(read));
    }

    [Fact]
    public void ArrivalsOnOneSocketNeverRunBackwardsAndNeverLieAfterTheRead()
    {
        var transport = new SocketUdpTransport();
        using IUdpEndpoint receiver = transport.Open(new UdpEndpointOptions { BindAddress = Loopback });
        using IUdpEndpoint sender = transport.Open(new UdpEndpointOptions { BindAddress = Loopback });
        IncomingDatagram[] slots = Loopbacks.Slots(64, 256);
        long last = 0;
        for (int round = 0; round < 5; round++)
        {
            Assert.Equal(40, sender.Send(Loopbacks.Batch(40, 32, receiver.LocalEndpoint)));
            int got = Loopbacks.ReceiveExactly(receiver, slots, 40);
            long read = MonotonicClock.NowNanoseconds();
            Assert.Equal(40, got);
            for (int i = 0; i < got; i++)
            {
                long arrival = slots[i].ArrivalNanoseconds;
                Assert.True(arrival > 0, "no arrival stamp from the libc path");
                Assert.True(arrival >= last, $"round {round}, datagram {i}: {arrival} before {last}");
                Assert.True(arrival <= read, $"round {round}, datagram {i}: arrival {arrival} after the read {read}");
                last = arrival;
            }
        }
    }

    [Fact]
    public void TheManagedPathHasNoStampAndFallsBackToTheReadTime()
    {
        var transport = new SocketUdpTransport(forceManagedSockets: true);
        using IUdpEndpoint receiver = transport.Open(new UdpEndpointOptions { BindAddress = Loopback });
        using IUdpEndpoint sender = transport.Open(new UdpEndpointOptions { BindAddress = Loopback });
        Assert.Equal(1, sender.Send(Loopbacks.Batch(1, 32, receiver.LocalEndpoint)));
        IncomingDatagram[] slots = Loopbacks.Slots(4, 2048);
        Assert.Equal(1, receiver.Receive(slots, 1000));

        Assert.Equal(0, slots[0].ArrivalNanoseconds);
        Assert.Equal(12345, slots[0].ArrivedAt(12345));
    }
}
