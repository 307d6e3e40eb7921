namespace TrdpSim.IntegrationTests.Transport;

/// <summary>Sends the kernel cuts into datagrams (UDP_SEGMENT): the receivers must see exactly the datagrams a
/// datagram-by-datagram send would give — each alone, whole, in order — and every datagram keeps its own outcome.</summary>
public class SegmentedSendTests
{
    private const uint Loopback = Ip4Endpoint.LoopbackAddress;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void EqualDatagramsToOneDestinationArriveOneByOneWholeAndInOrder(bool segment)
    {
        var transport = new SocketUdpTransport(segment ? UdpSegmentation.On : UdpSegmentation.Off);
        using IUdpEndpoint receiver = transport.Open(new UdpEndpointOptions { BindAddress = Loopback });
        using IUdpEndpoint sender = transport.Open(new UdpEndpointOptions { BindAddress = Loopback + 1 });
        OutgoingDatagram[] batch = Loopbacks.Numbered(Loopbacks.Batch(64, 72, receiver.LocalEndpoint));

        Assert.Equal(64, sender.Send(batch));

        IncomingDatagram[] slots = Loopbacks.Slots(80, 2048);
        Assert.Equal(64, Loopbacks.ReceiveExactly(receiver, slots, 64));
        Loopbacks.AssertNumbered(slots, 0, 64, 72, sender.LocalEndpoint);
        Assert.Equal(segment ? 64 : 0, sender.Stats.SentSegmented);
    }

    [Fact]
    public void ARunEndsWhereTheDestinationOrTheLengthChanges()
    {
        var transport = new SocketUdpTransport(UdpSegmentation.On);
        using IUdpEndpoint first = transport.Open(new UdpEndpointOptions { BindAddress = Loopback });
        using IUdpEndpoint second = transport.Open(new UdpEndpointOptions { BindAddress = Loopback });
        using IUdpEndpoint sender = transport.Open(new UdpEndpointOptions { BindAddress = Loopback });

        // Runs: 3 × 40 B to first, 1 × 60 B to first, 2 × 40 B to second, 1 × 40 B to first.
        byte[] block = GC.AllocateArray<byte>(7 * 64, pinned: true);
        (int Length, IUdpEndpoint To)[] plan = [(40, first), (40, first), (40, first), (60, first), (40, second), (40, second), (40, first)];
        var batch = new OutgoingDatagram[plan.Length];
        for (int i = 0; i < plan.Length; i++)
        {
            batch[i] = new OutgoingDatagram(block, i * 64, plan[i].Length, plan[i].To.LocalEndpoint);
            BinaryPrimitives.WriteInt32BigEndian(block.AsSpan(i * 64), i);
        }

        var accepted = new bool[plan.Length];
        Assert.Equal(7, sender.Send(batch, accepted));

        Assert.DoesNotContain(false, accepted);
        Assert.Equal(5, sender.Stats.SentSegmented);   // the run of three and the run of two
        IncomingDatagram[] slots = Loopbacks.Slots(8, 2048);
        Assert.Equal(5, Loopbacks.ReceiveExactly(first, slots, 5));
        Assert.Equal([0, 1, 2, 3, 6], Loopbacks.Indexes(slots, 5));
        Assert.Equal([40, 40, 40, 60, 40], slots[..5].Select(s => s.Length));
        Assert.Equal(2, Loopbacks.ReceiveExactly(second, slots, 2));
        Assert.Equal([4, 5], Loopbacks.Indexes(slots, 2));
    }

    [Fact]
    public void ARunLargerThanOneIpDatagramIsSplitAndAFrameLargerThanEthernetGoesAlone()
    {
        var transport = new SocketUdpTransport(UdpSegmentation.On);
        using IUdpEndpoint receiver = transport.Open(new UdpEndpointOptions { BindAddress = Loopback });
        using IUdpEndpoint sender = transport.Open(new UdpEndpointOptions { BindAddress = Loopback });

        // 64 × 1,400 B = 89,600 B: more than one message may carry (65,507 B), so two messages.
        Assert.Equal(64, sender.Send(Loopbacks.Numbered(Loopbacks.Batch(64, 1400, receiver.LocalEndpoint))));
        IncomingDatagram[] slots = Loopbacks.Slots(64, 2048);
        Assert.Equal(64, Loopbacks.ReceiveExactly(receiver, slots, 64));
        Loopbacks.AssertNumbered(slots, 0, 64, 1400, sender.LocalEndpoint);
        Assert.Equal(64, sender.Stats.SentSegmented);
        Assert.Equal(1, sender.Stats.SendCalls);

        // 1,500 B does not fit an Ethernet frame's UDP payload: never a segment (the kernel cannot fragment one).
        Assert.Equal(4, sender.Send(Loopbacks.Numbered(Loopbacks.Batch(4, 1500, receiver.LocalEndpoint))));
        Assert.Equal(4, Loopbacks.ReceiveExactly(receiver, slots, 4));
        Loopbacks.AssertNumbered(slots, 0, 4, 1500, sender.LocalEndpoint);
        Assert.Equal(64, sender.Stats.SentSegmented);
    }

    [Fact]
    public void ARunTheKernelRefusesIsOfferedAgainDatagramByDatagramEachWithItsOwnOutcome()
    {
        var transport = new SocketUdpTransport(UdpSegmentation.On);
        using IUdpEndpoint receiver = transport.Open(new UdpEndpointOptions { BindAddress = Loopback });
        using IUdpEndpoint sender = transport.Open(new UdpEndpointOptions { BindAddress = Loopback });
        OutgoingDatagram[] batch = Loopbacks.Numbered(Loopbacks.Batch(5, 32, receiver.LocalEndpoint));
        for (int i = 0; i < 3; i++)
        {
            batch[i].Destination = new Ip4Endpoint(Loopback, 0);   // EINVAL from the kernel
        }

        var accepted = new bool[5];
        Assert.Equal(2, sender.Send(batch, accepted));

        Assert.Equal([false, false, false, true, true], accepted);
        Assert.Equal(1, sender.Stats.SegmentFallbacks);
        Assert.Equal(3, sender.Stats.SendOtherErrors);
        Assert.Equal(2, sender.Stats.Sent);
        Assert.Equal(0, sender.Stats.SentSegmented);   // the run after the fallback went datagram by datagram
        IncomingDatagram[] slots = Loopbacks.Slots(8, 2048);
        Assert.Equal(2, Loopbacks.ReceiveExactly(receiver, slots, 2));
        Assert.Equal([3, 4], Loopbacks.Indexes(slots, 2));
    }

    [LoopbackMulticastFact]
    public void ARunToAGroupReachesItsMembersAsSeparateDatagrams()
    {
        uint group = Ip4Endpoint.ParseAddress("239.192.79.0") + (uint)Random.Shared.Next(1, 250);
        var transport = new SocketUdpTransport(UdpSegmentation.On);
        using IUdpEndpoint receiver = transport.Open(new UdpEndpointOptions
        {
            BindAddress = Ip4Endpoint.AnyAddress,
            MulticastInterface = Loopback,
            MulticastGroups = [group],
        });
        using IUdpEndpoint sender = transport.Open(new UdpEndpointOptions { BindAddress = Loopback, MulticastInterface = Loopback });

        Assert.Equal(20, sender.Send(Loopbacks.Numbered(Loopbacks.Batch(20, 48, new Ip4Endpoint(group, receiver.LocalEndpoint.Port)))));

        IncomingDatagram[] slots = Loopbacks.Slots(24, 2048);
        Assert.Equal(20, Loopbacks.ReceiveExactly(receiver, slots, 20));
        Loopbacks.AssertNumbered(slots, 0, 20, 48, sender.LocalEndpoint);
        Assert.Equal(20, sender.Stats.SentSegmented);
    }

    [Fact]
    public void AutomaticSegmentationPausesWhileAPacketCaptureIsOpen()
    {
        string listing = Path.Combine(Path.GetTempPath(), $"trdpsim-packet-{Guid.NewGuid():N}");
        const string Header = "sk               RefCnt Type Proto  Iface R Rmem   User   Inode\n";
        File.WriteAllText(listing, Header);
        try
        {
            using var captures = new PacketCaptureWatch(listing, Timeout.InfiniteTimeSpan);
            var transport = new SocketUdpTransport(UdpSegmentation.WhileUncaptured, captures);
            using IUdpEndpoint receiver = transport.Open(new UdpEndpointOptions { BindAddress = Loopback });
            using IUdpEndpoint sender = transport.Open(new UdpEndpointOptions { BindAddress = Loopback });
            IncomingDatagram[] slots = Loopbacks.Slots(16, 2048);

            Assert.False(captures.Captured);
            Assert.Equal(8, sender.Send(Loopbacks.Batch(8, 40, receiver.LocalEndpoint)));
            Assert.Equal(8, sender.Stats.SentSegmented);
            Assert.Equal(8, Loopbacks.ReceiveExactly(receiver, slots, 8));

            // A capture opens (tcpdump on lo): from the next read of the listing on, datagram by datagram.
            File.WriteAllText(listing, Header + "ffff8c0a4f1e2000 3      3    0003   1     1 0      0      81234\n");
            captures.Refresh();
            Assert.True(captures.Captured);
            Assert.Equal(1, captures.CapturedReads);
            Assert.Equal(8, sender.Send(Loopbacks.Batch(8, 40, receiver.LocalEndpoint)));
            Assert.Equal(8, sender.Stats.SentSegmented);
            Assert.Equal(8, Loopbacks.ReceiveExactly(receiver, slots, 8));

            // It closes: segmented again.
            File.WriteAllText(listing, Header);
            captures.Refresh();
            Assert.Equal(8, sender.Send(Loopbacks.Batch(8, 40, receiver.LocalEndpoint)));
            Assert.Equal(16, sender.Stats.SentSegmented);
        }
        finally
        {
            File.Delete(listing);
        }
    }

    [Fact]
    public void AListingThatCannotBeReadCountsAsCapturedAndAMissingOneAsNoPacketSockets()
    {
        using var unreadable = new PacketCaptureWatch(Path.GetTempPath(), Timeout.InfiniteTimeSpan);   // a directory
        Assert.True(unreadable.Captured);
        using var missing = new PacketCaptureWatch(Path.Combine(Path.GetTempPath(), $"trdpsim-none-{Guid.NewGuid():N}"), Timeout.InfiniteTimeSpan);
        Assert.False(missing.Captured);
    }
}
