using TrdpSim.Tests.Infrastructure;

namespace TrdpSim.Tests.Transport;

public class InMemoryUdpTransportTests
{
    private static readonly uint Loopback = Ip4Endpoint.LoopbackAddress;
    private static readonly uint Group = Ip4Endpoint.ParseAddress("239.1.2.3");

    [Fact]
    public void UnicastReachesTheEndpointBoundToTheDestination()
    {
        var net = new InMemoryUdpTransport();
        using IUdpEndpoint receiver = net.Open(new UdpEndpointOptions { BindAddress = Loopback, Port = 17224 });
        using IUdpEndpoint sender = net.Open(new UdpEndpointOptions { BindAddress = Loopback });

        Assert.Equal(1, Send(sender, receiver.LocalEndpoint, [1, 2, 3]));

        IncomingDatagram[] slots = Slots(4);
        Assert.Equal(1, receiver.Receive(slots, 0));
        Assert.Equal(new byte[] { 1, 2, 3 }, slots[0].Payload.ToArray());
        Assert.Equal(sender.LocalEndpoint, slots[0].Source);
        Assert.False(slots[0].Truncated);
        Assert.Equal(1, sender.Stats.Sent);
        Assert.Equal(1, receiver.Stats.Received);
        Assert.Equal(0, receiver.Receive(slots, 0));
        Assert.Equal(0, net.OutstandingBlocks);
    }

    [Fact]
    public void EphemeralPortsAreAssignedDeterministicallyFrom40000()
    {
        var net = new InMemoryUdpTransport();
        using IUdpEndpoint a = net.Open(new UdpEndpointOptions());
        using IUdpEndpoint b = net.Open(new UdpEndpointOptions { BindAddress = Loopback });
        Assert.Equal(InMemoryUdpTransport.FirstEphemeralPort, a.LocalEndpoint.Port);
        Assert.Equal(InMemoryUdpTransport.FirstEphemeralPort + 1, b.LocalEndpoint.Port);
    }

    [Fact]
    public void WildcardBindReceivesForAnyAddressButExactBindWins()
    {
        var net = new InMemoryUdpTransport();
        using IUdpEndpoint wildcard = net.Open(new UdpEndpointOptions { Port = 17224 });
        using IUdpEndpoint exact = net.Open(new UdpEndpointOptions { BindAddress = Ip4Endpoint.ParseAddress("10.0.0.2"), Port = 17224 });
        using IUdpEndpoint sender = net.Open(new UdpEndpointOptions { BindAddress = Ip4Endpoint.ParseAddress("10.0.0.1") });

        Send(sender, Ip4Endpoint.Parse("10.0.0.2:17224"), [1]);
        Send(sender, Ip4Endpoint.Parse("10.0.0.9:17224"), [2]);

        IncomingDatagram[] slots = Slots(4);
        Assert.Equal(1, exact.Receive(slots, 0));
        Assert.Equal(1, slots[0].Payload[0]);
        Assert.Equal(1, wildcard.Receive(slots, 0));
        Assert.Equal(2, slots[0].Payload[0]);
        Assert.Equal(Ip4Endpoint.Parse("10.0.0.1:40000"), slots[0].Source);
    }

    [Fact]
    public void MulticastFansOutToJoinedMembersOnly()
    {
        var net = new InMemoryUdpTransport();
        using IUdpEndpoint memberA = net.Open(new UdpEndpointOptions { Port = 17224, MulticastGroups = [Group] });
        using IUdpEndpoint memberB = net.Open(new UdpEndpointOptions { Port = 17224 });
        using IUdpEndpoint notMember = net.Open(new UdpEndpointOptions { Port = 17224 });
        using IUdpEndpoint otherPort = net.Open(new UdpEndpointOptions { Port = 17225, MulticastGroups = [Group] });
        memberB.JoinGroup(Group);
        using IUdpEndpoint sender = net.Open(new UdpEndpointOptions { BindAddress = Loopback });

        Send(sender, new Ip4Endpoint(Group, 17224), [9]);

        IncomingDatagram[] slots = Slots(4);
        Assert.Equal(1, memberA.Receive(slots, 0));
        Assert.Equal(1, memberB.Receive(slots, 0));
        Assert.Equal(0, notMember.Receive(slots, 0));
        Assert.Equal(0, otherPort.Receive(slots, 0));
        Assert.Equal(2, net.FramesDelivered);

        memberB.LeaveGroup(Group);
        Send(sender, new Ip4Endpoint(Group, 17224), [10]);
        Assert.Equal(1, memberA.Receive(slots, 0));
        Assert.Equal(0, memberB.Receive(slots, 0));
    }

    [Fact]
    public void MulticastLoopbackOffSkipsTheSender()
    {
        var net = new InMemoryUdpTransport();
        using IUdpEndpoint self = net.Open(new UdpEndpointOptions { Port = 17224, MulticastGroups = [Group], MulticastLoopback = false });
        using IUdpEndpoint other = net.Open(new UdpEndpointOptions { Port = 17224, MulticastGroups = [Group] });
        Send(self, new Ip4Endpoint(Group, 17224), [1]);
        IncomingDatagram[] slots = Slots(2);
        Assert.Equal(0, self.Receive(slots, 0));
        Assert.Equal(1, other.Receive(slots, 0));
    }

    [Fact]
    public void FullQueueDropsAndCountsAtTheReceiver()
    {
        var net = new InMemoryUdpTransport(queueCapacity: 4);
        using IUdpEndpoint receiver = net.Open(new UdpEndpointOptions { Port = 17224 });
        using IUdpEndpoint sender = net.Open(new UdpEndpointOptions());
        for (byte i = 0; i < 10; i++)
        {
            Assert.Equal(1, Send(sender, Ip4Endpoint.Parse("127.0.0.1:17224"), [i]));
        }

        Assert.Equal(6, receiver.Stats.ReceiveDropped);
        IncomingDatagram[] slots = Slots(16);
        Assert.Equal(4, receiver.Receive(slots, 0));
        Assert.Equal(new byte[] { 0, 1, 2, 3 }, new[] { slots[0].Payload[0], slots[1].Payload[0], slots[2].Payload[0], slots[3].Payload[0] });
        Assert.Equal(0, net.OutstandingBlocks);
    }

    [Fact]
    public void SmallSlotTruncatesAndFlags()
    {
        var net = new InMemoryUdpTransport();
        using IUdpEndpoint receiver = net.Open(new UdpEndpointOptions { Port = 17224 });
        using IUdpEndpoint sender = net.Open(new UdpEndpointOptions());
        Send(sender, Ip4Endpoint.Parse("127.0.0.1:17224"), new byte[2000]);
        var slots = new[] { new IncomingDatagram(new byte[100], 0, 100) };
        Assert.Equal(1, receiver.Receive(slots, 0));
        Assert.True(slots[0].Truncated);
        Assert.Equal(100, slots[0].Length);
        Assert.Equal(1, receiver.Stats.Truncated);
        Assert.Equal(0, net.OutstandingBlocks);
    }

    [Fact]
    public void UnroutedAndInvalidDatagramsAreCountedNotThrown()
    {
        var net = new InMemoryUdpTransport();
        using IUdpEndpoint sender = net.Open(new UdpEndpointOptions());
        Assert.Equal(1, Send(sender, Ip4Endpoint.Parse("127.0.0.1:9"), [1]));
        Assert.Equal(1, net.FramesUnrouted);
        Assert.Equal(0, Send(sender, Ip4Endpoint.Parse("127.0.0.1:0"), [1]));
        Assert.Equal(0, Send(sender, Ip4Endpoint.Parse("127.0.0.1:9"), new byte[70_000]));
        Assert.Equal(1, sender.Stats.SendOtherErrors);
        Assert.Equal(1, sender.Stats.SendMessageTooLong);
    }

    [Fact]
    public void ExclusiveBindConflictsAndReuseAllowsSharing()
    {
        var net = new InMemoryUdpTransport();
        using IUdpEndpoint first = net.Open(new UdpEndpointOptions { Port = 17224, ReuseAddress = false });
        var error = Assert.Throws<SocketSetupException>(() => net.Open(new UdpEndpointOptions { BindAddress = Loopback, Port = 17224 }));
        Assert.Equal(SocketSetupException.AddressInUse, error.ErrorNumber);
        using IUdpEndpoint shared1 = net.Open(new UdpEndpointOptions { Port = 17225 });
        using IUdpEndpoint shared2 = net.Open(new UdpEndpointOptions { Port = 17225 });
    }

    [Fact]
    public void AnExclusiveBindRefusesAnEndpointOnExactlyItsAddressButNotTheWildcard()
    {
        var net = new InMemoryUdpTransport();
        using IUdpEndpoint wildcard = net.Open(new UdpEndpointOptions { Port = 17224 });
        using IUdpEndpoint device = net.Open(new UdpEndpointOptions { BindAddress = Loopback, Port = 17224, ExclusiveBind = true });
        var error = Assert.Throws<SocketSetupException>(() => net.Open(new UdpEndpointOptions { BindAddress = Loopback, Port = 17224, ExclusiveBind = true }));
        Assert.True(error.IsConfigurationError);
        Assert.Contains("127.0.0.1:17224", error.Message, StringComparison.Ordinal);
        using IUdpEndpoint other = net.Open(new UdpEndpointOptions { BindAddress = Loopback + 1, Port = 17224, ExclusiveBind = true });
    }

    [Fact]
    public async Task DisposeUnblocksAWaitingReceive()
    {
        var net = new InMemoryUdpTransport();
        IUdpEndpoint receiver = net.Open(new UdpEndpointOptions { Port = 17224 });
        Task<int> pending = Task.Run(() => receiver.Receive(Slots(1), 10_000));
        await Task.Delay(50);
        receiver.Dispose();
        Assert.Equal(0, await pending.WaitAsync(TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public async Task ReceiveWakesWhenADatagramArrives()
    {
        var net = new InMemoryUdpTransport();
        using IUdpEndpoint receiver = net.Open(new UdpEndpointOptions { Port = 17224 });
        using IUdpEndpoint sender = net.Open(new UdpEndpointOptions());
        IncomingDatagram[] slots = Slots(1);
        Task<int> pending = Task.Run(() => receiver.Receive(slots, 10_000));
        await Task.Delay(50);
        Send(sender, Ip4Endpoint.Parse("127.0.0.1:17224"), [5]);
        Assert.Equal(1, await pending.WaitAsync(TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void SameScenarioProducesTheSameFrameSequence()
    {
        Assert.Equal(RunScenario(), RunScenario());
    }

    [Fact]
    public void SendAndReceiveAllocateNothingOnceWarm()
    {
        var net = new InMemoryUdpTransport();
        using IUdpEndpoint receiver = net.Open(new UdpEndpointOptions { Port = 17224 });
        using IUdpEndpoint sender = net.Open(new UdpEndpointOptions());
        byte[] payload = GC.AllocateArray<byte>(64, pinned: true);
        var batch = new OutgoingDatagram[16];
        for (int i = 0; i < batch.Length; i++)
        {
            batch[i] = new OutgoingDatagram(payload, 0, 64, Ip4Endpoint.Parse("127.0.0.1:17224"));
        }

        IncomingDatagram[] slots = Slots(16);
        long allocated = SteadyAllocation.Fewest(() =>
        {
            for (int i = 0; i < 1000; i++)
            {
                sender.Send(batch);
                receiver.Receive(slots, 0);
            }
        });
        Assert.True(allocated == 0, $"allocated {allocated} bytes");
    }

    private static ulong RunScenario()
    {
        var net = new InMemoryUdpTransport();
        ulong hash = 14695981039346656037UL;
        net.Observer = (src, dst, payload) =>
        {
            hash = Mix(hash, src.Address, src.Port, dst.Address, dst.Port);
            foreach (byte b in payload)
            {
                hash = (hash ^ b) * 1099511628211UL;
            }
        };
        using IUdpEndpoint a = net.Open(new UdpEndpointOptions { Port = 17224, MulticastGroups = [Group] });
        using IUdpEndpoint b = net.Open(new UdpEndpointOptions());
        using IUdpEndpoint c = net.Open(new UdpEndpointOptions { BindAddress = Loopback });
        for (byte i = 0; i < 50; i++)
        {
            Send(b, new Ip4Endpoint(Group, 17224), [i, 1]);
            Send(c, Ip4Endpoint.Parse("127.0.0.1:17224"), [i, 2]);
            a.Receive(Slots(4), 0);
        }

        return hash;
    }

    private static ulong Mix(ulong hash, uint a, ushort b, uint c, ushort d) =>
        (((((((hash ^ a) * 1099511628211UL) ^ b) * 1099511628211UL) ^ c) * 1099511628211UL) ^ d) * 1099511628211UL;

    private static int Send(IUdpEndpoint sender, Ip4Endpoint destination, byte[] payload) =>
        sender.Send([new OutgoingDatagram(payload, 0, payload.Length, destination)]);

    private static IncomingDatagram[] Slots(int count)
    {
        var slots = new IncomingDatagram[count];
        for (int i = 0; i < count; i++)
        {
            slots[i] = new IncomingDatagram(GC.AllocateArray<byte>(2048, pinned: true), 0, 2048);
        }

        return slots;
    }
}
