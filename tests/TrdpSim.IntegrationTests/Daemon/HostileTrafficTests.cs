using System.IO.Hashing;

namespace TrdpSim.IntegrationTests.Daemon;

/// <summary>Malformed datagrams of every kind are counted by reason and dropped, while the real
/// subscriptions keep being supervised without loss, timeouts or engine errors.</summary>
public sealed class HostileTrafficTests
{
    [Fact]
    public async Task ReceiverKeepsSupervisingUnderThousandsOfBadFrames()
    {
        var plan = LoopbackPlans.Pair(4, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(1), out var publisher, out var subscriber);
        await using var host = RunHost.Create(plan, new RunHostOptions());
        await host.StartAsync();
        await Task.Delay(200);

        using var attacker = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        attacker.Bind(new IPEndPoint(new IPAddress(BinaryPrimitives.ReverseEndianness(publisher + 10)), 0));
        var target = new IPEndPoint(new IPAddress(BinaryPrimitives.ReverseEndianness(subscriber)), plan.Network.PdPort);
        var random = new Random(1234);
        var frame = new byte[2048];
        for (var i = 0; i < 6000; i++)
        {
            var length = Craft(frame, i % 10, random);
            attacker.SendTo(frame.AsSpan(0, length), SocketFlags.None, target);
            if (i % 500 == 0)
            {
                await Task.Delay(10); // bounded rate: the test floods, but not faster than the receive buffer drains
            }
        }

        await Task.Delay(300);
        await host.StopAsync();

        var rejects = host.Telemetry.Rejects;
        Assert.True(rejects.Get(RejectReason.TooShort) > 0);
        Assert.True(rejects.Get(RejectReason.TooLong) > 0);
        Assert.True(rejects.Get(RejectReason.BadFcs) > 0);
        Assert.True(rejects.Get(RejectReason.BadVersion) > 0);
        Assert.True(rejects.Get(RejectReason.WrongMessageType) > 0);
        Assert.True(rejects.Get(RejectReason.DatasetTooLong) > 0);
        Assert.True(rejects.Get(RejectReason.DatasetTruncated) > 0);
        Assert.True(rejects.Get(RejectReason.TopoMismatch) > 0);
        Assert.True(rejects.Get(RejectReason.NoSubscription) > 0);
        Assert.Equal(0, host.Telemetry.EngineErrors);

        var received = new TelegramCounters();
        foreach (var group in host.Telemetry.Groups)
        {
            if (group.Role == TelegramRole.Subscribe)
            {
                received.Accumulate(group.Totals());
            }
        }

        Assert.Equal(0, received.Timeouts);
        Assert.Equal(0, received.Lost);
        Assert.True(received.Received > 4 * 40, $"received {received.Received}");
    }

    /// <summary>Builds one bad datagram of kind <paramref name="kind"/> into <paramref name="frame"/>.</summary>
    private static int Craft(byte[] frame, int kind, Random random)
    {
        Array.Clear(frame);
        var length = 64;
        WriteHeader(frame, comId: 1000, datasetLength: 24, version: 0x0100, type: 0x5064, etb: 0);
        switch (kind)
        {
            case 0: // runt
                length = random.Next(0, 40);
                random.NextBytes(frame.AsSpan(0, length));
                break;
            case 1: // oversized
                length = 1600;
                break;
            case 2: // FCS flipped
                frame[36] ^= 0x5A;
                break;
            case 3: // version 0x0200
                WriteHeader(frame, 1000, 24, 0x0200, 0x5064, 0);
                break;
            case 4: // an MD type on the PD port
                WriteHeader(frame, 1000, 24, 0x0100, 0x4D72, 0);
                break;
            case 5: // datasetLength above 1432
                WriteHeader(frame, 1000, 1433, 0x0100, 0x5064, 0);
                break;
            case 6: // datasetLength longer than the datagram
                WriteHeader(frame, 1000, 400, 0x0100, 0x5064, 0);
                break;
            case 7: // topo counter the device does not have
                WriteHeader(frame, 1000, 24, 0x0100, 0x5064, 7);
                break;
            case 8: // valid frame for a ComId nobody subscribes
                WriteHeader(frame, 4242, 24, 0x0100, 0x5064, 0);
                break;
            default: // pure noise of random length
                length = random.Next(40, 1500);
                random.NextBytes(frame.AsSpan(0, length));
                break;
        }

        return length;
    }

    private static void WriteHeader(byte[] frame, uint comId, uint datasetLength, ushort version, ushort type, uint etb)
    {
        var h = frame.AsSpan();
        BinaryPrimitives.WriteUInt32BigEndian(h, 1);
        BinaryPrimitives.WriteUInt16BigEndian(h[4..], version);
        BinaryPrimitives.WriteUInt16BigEndian(h[6..], type);
        BinaryPrimitives.WriteUInt32BigEndian(h[8..], comId);
        BinaryPrimitives.WriteUInt32BigEndian(h[12..], etb);
        BinaryPrimitives.WriteUInt32BigEndian(h[20..], datasetLength);
        BinaryPrimitives.WriteUInt32LittleEndian(h[36..], Crc32.HashToUInt32(h[..36]));
    }
}
