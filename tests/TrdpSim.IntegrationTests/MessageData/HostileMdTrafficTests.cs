namespace TrdpSim.IntegrationTests.MessageData;

/// <summary>Malformed and hostile MD frames are counted and never crash the daemon or leak sessions,
/// while a real caller/replier pair keeps working.</summary>
public sealed class HostileMdTrafficTests
{
    [Fact]
    public async Task BadFramesUnknownSessionsAndSessionFloodsAreSurvived()
    {
        var plan = MdPlans.Pair(out var callerAddress, out var replier, out var mdPort);
        plan.Network.MdMaxSessions = 50;
        plan.Devices[0].MdCallers.Add(new MdCallerPlan { Name = "real", ComId = 2001, Destination = replier, Rate = 100, ReplyTimeout = TimeSpan.FromMilliseconds(300) });
        plan.Devices[1].MdRepliers.Add(new MdReplierPlan { Name = "answer", ComId = 2001 });
        plan.Devices[1].MdRepliers.Add(new MdReplierPlan { Name = "sink", ComId = 3003, Delay = "constant:200ms" });
        await using var host = RunHost.Create(plan, new RunHostOptions());
        await host.StartAsync();

        using var attacker = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        attacker.Bind(new IPEndPoint(new IPAddress(BinaryPrimitives.ReverseEndianness(callerAddress + 20)), 0));
        var target = new IPEndPoint(new IPAddress(BinaryPrimitives.ReverseEndianness(replier)), mdPort);
        var random = new Random(99);
        var frame = new byte[4096];
        var id = new byte[16];
        for (var i = 0; i < 3000; i++)
        {
            var header = new MdHeader { MessageType = TrdpMessageType.Mr, ComId = 3003, ReplyTimeoutMicros = 1_000_000 };
            random.NextBytes(id);
            header.SessionId = SessionId.FromBytes(id);
            var length = MdFrame.Encode(frame, header, new byte[8]);
            switch (i % 6)
            {
                case 0: frame[112] ^= 0xFF; break;                                  // bad FCS
                case 1: length = random.Next(0, 116); break;                        // runt
                case 2: BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(20), 500); Fix(frame); break; // lying length
                case 3: BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(6), 0x4D70); Fix(frame); break; // unsolicited Mp
                case 4: BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(6), 0x4D63); Fix(frame); break; // unsolicited Mc
                default: break;                                                      // a flood of new sessions
            }

            attacker.SendTo(frame.AsSpan(0, length), SocketFlags.None, target);
            if (i % 300 == 0)
            {
                await Task.Delay(5);
            }
        }

        await Task.Delay(1500); // every flood session ends (200 ms delay) and frees its slot
        await host.StopAsync();

        var rejects = host.Telemetry.Rejects;
        Assert.True(rejects.Get(RejectReason.BadFcs) > 0);
        Assert.True(rejects.Get(RejectReason.TooShort) > 0);
        Assert.True(rejects.Get(RejectReason.DatasetTruncated) > 0);
        Assert.True(host.Telemetry.MdUnmatched > 0);
        Assert.Equal(0, host.Telemetry.EngineErrors);
        var sink = MdPlans.Counters(host, "sink", MdRole.Replier);
        Assert.True(sink.ErrorsSent > 0, "a full session table answers Me -4");
        Assert.Equal(0, sink.Outstanding);

        // No session of the flood left behind: the only open ones are the real caller's in flight when the run stopped
        // (its request may have arrived in the wheel's last tick, with the reply due on the next one).
        var answer = MdPlans.Counters(host, "answer", MdRole.Replier);
        Assert.InRange(answer.Outstanding, 0, 2);
        Assert.Equal(answer.Outstanding, host.Run.MdStations.Sum(station => (long)station.ReplierSessions));

        var real = MdPlans.Counters(host, "real", MdRole.Caller);
        Assert.True(real.Ok > 100, $"real traffic ok {real.Ok}");
    }

    private static void Fix(byte[] frame) =>
        BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(112), System.IO.Hashing.Crc32.HashToUInt32(frame.AsSpan(0, 112)));
}
