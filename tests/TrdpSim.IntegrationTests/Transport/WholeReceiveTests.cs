using TrdpSim.Transport.Internal;

namespace TrdpSim.IntegrationTests.Transport;

/// <summary>Coalesced receive (UDP_GRO on a loopback-bound socket): a segmented run read as one message and cut into its
/// datagrams here must hand the caller exactly what reading datagram by datagram gives — each datagram alone, whole,
/// in order, with its source, length, truncation and an arrival stamp — whatever the number of slots per call.</summary>
public class WholeReceiveTests
{
    private const uint Loopback = Ip4Endpoint.LoopbackAddress;

    [Fact]
    public void ASegmentedRunIsReadWholeAndHandedOutDatagramByDatagram()
    {
        var transport = new SocketUdpTransport(UdpSegmentation.On);
        using var receiver = (LinuxUdpEndpoint)transport.Open(new UdpEndpointOptions { BindAddress = Loopback });
        using IUdpEndpoint sender = transport.Open(new UdpEndpointOptions { BindAddress = Loopback + 1 });
        Assert.True(receiver.ReceivesWhole);

        long before = MonotonicClock.NowNanoseconds();
        Assert.Equal(64, sender.Send(Loopbacks.Numbered(Loopbacks.Batch(64, 72, receiver.LocalEndpoint))));
        IncomingDatagram[] slots = Loopbacks.Slots(64, 2048);
        Assert.Equal(64, Loopbacks.ReceiveExactly(receiver, slots, 64));

        Loopbacks.AssertNumbered(slots, 0, 64, 72, sender.LocalEndpoint);
        Assert.Equal(64, receiver.Stats.ReceivedWhole);
        Assert.Equal(64, receiver.Stats.Received);
        long after = MonotonicClock.NowNanoseconds();
        Assert.All(slots, s => Assert.InRange(s.ArrivalNanoseconds, before, after));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(63)]
    public void DatagramsBeyondTheSlotsOfOneCallComeFirstInTheNextOnesInOrder(int slotsPerCall)
    {
        var transport = new SocketUdpTransport(UdpSegmentation.On);
        using IUdpEndpoint receiver = transport.Open(new UdpEndpointOptions { BindAddress = Loopback });
        using IUdpEndpoint sender = transport.Open(new UdpEndpointOptions { BindAddress = Loopback + 1 });

        // Two segmented runs, then a third sent only after the first call took part of the first run.
        Assert.Equal(64, sender.Send(Loopbacks.Numbered(Loopbacks.Batch(64, 40, receiver.LocalEndpoint))));
        Assert.Equal(32, sender.Send(Loopbacks.Numbered(Loopbacks.Batch(32, 40, receiver.LocalEndpoint), 64)));
        IncomingDatagram[] slots = Loopbacks.Slots(slotsPerCall, 2048);
        var order = new List<int>();
        Assert.Equal(slotsPerCall, receiver.Receive(slots, 2000));
        order.AddRange(Loopbacks.Indexes(slots, slotsPerCall));
        Assert.Equal(32, sender.Send(Loopbacks.Numbered(Loopbacks.Batch(32, 40, receiver.LocalEndpoint), 96)));
        while (order.Count < 128)
        {
            int n = receiver.Receive(slots, 2000);
            Assert.True(n > 0, $"only {order.Count} of 128 arrived");
            order.AddRange(Loopbacks.Indexes(slots, n));
        }

        Assert.Equal(Enumerable.Range(0, 128), order);
        Assert.Equal(0, receiver.Receive(slots, 0));
    }

    [Fact]
    public void ADatagramLargerThanItsSlotIsCutAndFlaggedAsTheDatagramByDatagramPathDoes()
    {
        var transport = new SocketUdpTransport(UdpSegmentation.On);
        using IUdpEndpoint whole = transport.Open(new UdpEndpointOptions { BindAddress = Loopback });
        using IUdpEndpoint plain = transport.Open(new UdpEndpointOptions { BindAddress = Loopback, ReceiveWhole = false });
        using IUdpEndpoint sender = transport.Open(new UdpEndpointOptions { BindAddress = Loopback + 1 });

        foreach (IUdpEndpoint receiver in new[] { whole, plain })
        {
            Assert.Equal(8, sender.Send(Loopbacks.Numbered(Loopbacks.Batch(8, 100, receiver.LocalEndpoint))));
            IncomingDatagram[] slots = Loopbacks.Slots(8, 64);
            Assert.Equal(8, Loopbacks.ReceiveExactly(receiver, slots, 8));
            Assert.All(slots, s => Assert.True(s.Truncated && s.Length == 64));
            Assert.Equal(Enumerable.Range(0, 8), Loopbacks.Indexes(slots, 8));
            Assert.Equal(8, receiver.Stats.Truncated);
        }

        Assert.Equal(8, whole.Stats.ReceivedWhole);
        Assert.Equal(0, plain.Stats.ReceivedWhole);
    }

    [Fact]
    public void EmptyDatagramsAndSingleDatagramsArriveAsTheyWereSent()
    {
        var transport = new SocketUdpTransport(UdpSegmentation.On);
        using IUdpEndpoint receiver = transport.Open(new UdpEndpointOptions { BindAddress = Loopback });
        using IUdpEndpoint sender = transport.Open(new UdpEndpointOptions { BindAddress = Loopback + 1 });

        Assert.Equal(3, sender.Send(Loopbacks.Batch(3, 0, receiver.LocalEndpoint)));
        Assert.Equal(1, sender.Send(Loopbacks.Numbered(Loopbacks.Batch(1, 30, receiver.LocalEndpoint), 5)));
        IncomingDatagram[] slots = Loopbacks.Slots(8, 2048);
        Assert.Equal(4, Loopbacks.ReceiveExactly(receiver, slots, 4));

        Assert.Equal([0, 0, 0, 30], slots[..4].Select(s => s.Length));
        Assert.Equal(5, BinaryPrimitives.ReadInt32BigEndian(slots[3].Payload));
        Assert.All(slots[..4], s => Assert.False(s.Truncated));
    }

    [Fact]
    public void RandomBatchesReadWholeEqualTheSameBatchesReadDatagramByDatagram()
    {
        var transport = new SocketUdpTransport(UdpSegmentation.On);
        using IUdpEndpoint whole = transport.Open(new UdpEndpointOptions { BindAddress = Loopback });
        using IUdpEndpoint plain = transport.Open(new UdpEndpointOptions { BindAddress = Loopback + 2, ReceiveWhole = false });
        using IUdpEndpoint sender = transport.Open(new UdpEndpointOptions { BindAddress = Loopback + 1 });
        var random = new Random(61375);
        IncomingDatagram[] wholeSlots = Loopbacks.Slots(64, 2048);
        IncomingDatagram[] plainSlots = Loopbacks.Slots(64, 2048);
        int number = 0;
        for (int round = 0; round < 40; round++)
        {
            // Runs of 1–20 datagrams of one length (0–1,500 bytes), each run to one receiver or the other.
            var datagrams = new List<(int Length, bool ToWhole)>();
            while (datagrams.Count < 64)
            {
                int length = random.Next(0, 1501);
                bool toWhole = random.Next(2) == 0;
                int run = Math.Min(64 - datagrams.Count, random.Next(1, 21));
                datagrams.AddRange(Enumerable.Repeat((length, toWhole), run));
            }

            byte[] block = GC.AllocateArray<byte>(64 * 1504, pinned: true);
            var batch = new OutgoingDatagram[64];
            var sentWhole = new List<byte[]>();
            var sentPlain = new List<byte[]>();
            for (int i = 0; i < 64; i++)
            {
                var (length, toWhole) = datagrams[i];
                Span<byte> bytes = block.AsSpan(i * 1504, length);
                random.NextBytes(bytes);
                if (length >= 4)
                {
                    BinaryPrimitives.WriteInt32BigEndian(bytes, number++);
                }

                (toWhole ? sentWhole : sentPlain).Add(bytes.ToArray());
                batch[i] = new OutgoingDatagram(block, i * 1504, length, (toWhole ? whole : plain).LocalEndpoint);
            }

            Assert.Equal(64, sender.Send(batch));
            AssertReceived(whole, wholeSlots, sentWhole, sender.LocalEndpoint, random.Next(1, 65));
            AssertReceived(plain, plainSlots, sentPlain, sender.LocalEndpoint, random.Next(1, 65));
        }

        Assert.True(whole.Stats.ReceivedWhole > 0, "no run was read whole");
    }

    [Theory]
    [InlineData(64)]
    [InlineData(20)]
    public void DatagramsTheKernelDroppedAsWholeRunsAreAllCounted(int run)
    {
        // The kernel counts a dropped run once; the socket must count its datagrams, or the gaps they leave would be
        // blamed on the device.
        var transport = new SocketUdpTransport(UdpSegmentation.On);
        using IUdpEndpoint receiver = transport.Open(new UdpEndpointOptions { BindAddress = Loopback, ReceiveBufferBytes = 4096 });
        using IUdpEndpoint sender = transport.Open(new UdpEndpointOptions { BindAddress = Loopback + 1 });
        IncomingDatagram[] slots = Loopbacks.Slots(64, 2048);
        Assert.Equal(run, sender.Send(Loopbacks.Batch(run, 64, receiver.LocalEndpoint)));
        Assert.Equal(run, Loopbacks.ReceiveExactly(receiver, slots, run));
        Assert.Equal(0, receiver.ReadReceiveDrops());

        const int Runs = 100;
        for (int i = 0; i < Runs; i++)
        {
            Assert.Equal(run, sender.Send(Loopbacks.Batch(run, 64, receiver.LocalEndpoint)));
        }

        long received = 0;
        for (int n; (n = receiver.Receive(slots, 200)) > 0;)
        {
            received += n;
        }

        Assert.True(received < Runs * run, "the small buffer dropped nothing");
        Assert.Equal((Runs * run) - received, receiver.ReadReceiveDrops());
    }

    [Fact]
    public void OnlyLoopbackBoundSocketsReadWholeAndOnlyWhenAsked()
    {
        var transport = new SocketUdpTransport(UdpSegmentation.On);
        using var loopback = (LinuxUdpEndpoint)transport.Open(new UdpEndpointOptions { BindAddress = Loopback });
        using var declined = (LinuxUdpEndpoint)transport.Open(new UdpEndpointOptions { BindAddress = Loopback, ReceiveWhole = false });
        using var wildcard = (LinuxUdpEndpoint)transport.Open(new UdpEndpointOptions { BindAddress = Ip4Endpoint.AnyAddress });

        Assert.True(loopback.ReceivesWhole);
        Assert.False(declined.ReceivesWhole);
        Assert.False(wildcard.ReceivesWhole); // a network card's coalescing would merge arrival stamps
        Assert.Equal(1, loopback.GetIntOption(LinuxNative.SolUdp, LinuxNative.UdpGro));
        Assert.Equal(0, declined.GetIntOption(LinuxNative.SolUdp, LinuxNative.UdpGro));
    }

    /// <summary>Receives <paramref name="sent"/>.Count datagrams, <paramref name="slotsPerCall"/> slots at a time, and
    /// compares each with what was sent to that receiver, in order.</summary>
    private static void AssertReceived(IUdpEndpoint receiver, IncomingDatagram[] slots, List<byte[]> sent, Ip4Endpoint source, int slotsPerCall)
    {
        int got = 0;
        while (got < sent.Count)
        {
            int n = receiver.Receive(slots.AsSpan(0, Math.Min(slotsPerCall, sent.Count - got)), 2000);
            Assert.True(n > 0, $"{got} of {sent.Count} arrived");
            for (int i = 0; i < n; i++)
            {
                Assert.Equal(sent[got + i], slots[i].Payload.ToArray());
                Assert.False(slots[i].Truncated);
                Assert.Equal(source, slots[i].Source);
                Assert.NotEqual(0, slots[i].ArrivalNanoseconds);
            }

            got += n;
        }
    }
}
