using TrdpSim.Protocol.Statistics;
using TrdpSim.Transport.Tcp.Internal;

namespace TrdpSim.IntegrationTests.Daemon;

/// <summary>Every virtual device answers a statistics pull ('Pr' on ComId 31) as a TCNopen session does
/// (trdp-wire.md §7.8), with its own figures.</summary>
public sealed class StatisticsPullTests
{
    private static readonly RunHostOptions NoMetrics = new();

    /// <summary>A train of two devices, B subscribing A's four telegrams.</summary>
    private static RunPlan Plan(out uint deviceA, out uint requester, out ushort port)
    {
        RunPlan plan = LoopbackPlans.Pair(4, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(1), out deviceA, out _);
        port = plan.Network.PdPort;
        requester = (deviceA & 0xFFFFFF00u) | 9;
        return plan;
    }

    private static byte[] StatisticsRequest(uint replyIp)
    {
        var header = new PdHeader { MessageType = TrdpMessageType.Pr, ComId = StatisticsDataset.ComId, ReplyComId = StatisticsDataset.ComId, ReplyIpAddress = replyIp };
        var frame = new byte[PdFrame.MaxFrameSize];
        return frame.AsSpan(0, PdFrame.Encode(frame, header, [])).ToArray();
    }

    private static Socket Requester(uint address, ushort port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 5000 };
        socket.Bind(new IPEndPoint(SocketAddresses.ToIPAddress(address), port));
        return socket;
    }

    /// <summary>Pulls <paramref name="device"/>'s statistics and reads the reply ('Pp' on ComId 31, the whole dataset).</summary>
    private static TrdpStatistics Pull(Socket socket, uint requester, IPEndPoint device)
    {
        socket.SendTo(StatisticsRequest(requester), device);
        var buffer = new byte[2048];
        int length = socket.Receive(buffer);
        Assert.Equal(FrameCheck.Ok, PdFrame.TryDecode(buffer.AsSpan(0, length), out PdHeader reply));
        Assert.Equal((TrdpMessageType.Pp, StatisticsDataset.ComId, (uint)StatisticsDataset.Length), (reply.MessageType, reply.ComId, reply.DatasetLength));
        var statistics = new TrdpStatistics();
        Assert.True(StatisticsDataset.TryRead(buffer.AsSpan(PdFrame.HeaderSize, StatisticsDataset.Length), statistics));
        return statistics;
    }

    [Fact]
    public async Task ADeviceAnswersAStatisticsPullWithItsOwnFigures()
    {
        RunPlan plan = Plan(out uint deviceA, out uint requester, out ushort port);
        await using var host = RunHost.Create(plan, NoMetrics);
        using Socket socket = Requester(requester, port);
        await host.StartAsync();
        await Task.Delay(300); // a few cycles sent, so the counters are not all zero

        TrdpStatistics statistics = Pull(socket, requester, new IPEndPoint(SocketAddresses.ToIPAddress(deviceA), port));
        await host.StopAsync();

        Assert.Equal(DeviceStatistics.StackVersion, statistics.Version);
        Assert.Equal(("A", deviceA), (statistics.HostName, statistics.OwnIpAddress));
        Assert.Equal((5u, 64u), (statistics.Pd.DefaultQos, statistics.Pd.DefaultTtl));
        Assert.Equal((1u, 5u), (statistics.Pd.NumSubs, statistics.Pd.NumPub)); // the statistics telegram itself + 4 publications
        Assert.True(statistics.Pd.NumSend >= 40, $"numSend {statistics.Pd.NumSend}");
        Assert.Equal(1u, statistics.Pd.NumRcv); // the pull itself
        Assert.Equal(1, Volatile.Read(ref host.Telemetry.StatisticsReplies));
    }

    [Fact]
    public async Task ADeviceCountsItsStatisticsRepliesInItsNumSendAsEveryPDFrameItSends()
    {
        // B only subscribes: the statistics replies are all it sends. Pulls further apart than the refresh.
        RunPlan plan = Plan(out uint deviceA, out uint requester, out ushort port);
        var deviceB = new IPEndPoint(SocketAddresses.ToIPAddress((deviceA & 0xFFFFFF00u) | 3), port);
        var numSend = new List<uint>();
        await using var host = RunHost.Create(plan, NoMetrics);
        using Socket socket = Requester(requester, port);
        await host.StartAsync();
        for (int pull = 0; pull < 3; pull++)
        {
            TrdpStatistics statistics = Pull(socket, requester, deviceB);
            Assert.Equal("B", statistics.HostName);
            numSend.Add(statistics.Pd.NumSend);
            await Task.Delay(TimeSpan.FromTicks((StatisticsResponder.RefreshNanoseconds / 100) + TimeSpan.TicksPerMillisecond * 50));
        }

        await host.StopAsync();
        Assert.Equal([0u, 1u, 2u], numSend); // filled before its own reply leaves, as TCNopen fills and then sends
    }

    [Fact]
    public async Task WithStatisticsOffAPullIsRejectedLikeAnyUnsubscribedComid()
    {
        RunPlan plan = Plan(out uint deviceA, out uint requester, out ushort port);
        plan.Network.PdStatistics = false;
        await using var host = RunHost.Create(plan, NoMetrics);
        using Socket socket = Requester(requester, port);
        socket.ReceiveTimeout = 300;
        await host.StartAsync();

        socket.SendTo(StatisticsRequest(requester), new IPEndPoint(SocketAddresses.ToIPAddress(deviceA), port));
        Assert.True(SpinWait.SpinUntil(() => host.Telemetry.Rejects.Get(RejectReason.NoSubscription) == 1, 5000));
        Assert.Throws<SocketException>(() => socket.Receive(new byte[2048]));
        await host.StopAsync();
        Assert.Equal(0, Volatile.Read(ref host.Telemetry.StatisticsReplies));
    }

    [Fact]
    public async Task AFloodOfStatisticsPullsIsAnsweredWithoutStarvingTheDevice()
    {
        RunPlan plan = Plan(out uint deviceA, out uint requester, out ushort port);
        plan.Devices[0].Publications[0].Count = 2_000; // a large group: each fill walks every instance
        plan.Devices[0].Publications[0].Cycle = TimeSpan.FromMilliseconds(100); // 20k telegrams/s: a light load beside other tests
        plan.Devices[1].Subscriptions[0].Count = 2_000;
        await using var host = RunHost.Create(plan, NoMetrics);
        using Socket socket = Requester(requester, port);
        await host.StartAsync();
        await Task.Delay(300);

        // At device B, whose receive loop also serves its 2,000 subscriptions.
        byte[] request = StatisticsRequest(requester);
        var target = new IPEndPoint(SocketAddresses.ToIPAddress((deviceA & 0xFFFFFF00u) | 3), port);
        var buffer = new byte[2048];
        int answered = 0;
        for (int burst = 0; burst < 20; burst++)
        {
            for (int i = 0; i < 50; i++)
            {
                socket.SendTo(request, target);
            }

            while (socket.Poll(200_000, SelectMode.SelectRead))
            {
                socket.Receive(buffer);
                answered++;
            }
        }

        await host.StopAsync();
        Assert.True(answered >= 950, $"{answered} of 1000 pulls answered");
        Assert.Equal(answered, Volatile.Read(ref host.Telemetry.StatisticsReplies));
        Assert.Equal(0, host.Telemetry.EngineErrors);
        long timeouts = 0;
        foreach (var group in host.Telemetry.Groups)
        {
            timeouts += group.Totals().Timeouts;
        }

        Assert.Equal(0, timeouts); // the device's own subscriptions kept being served
    }
}
