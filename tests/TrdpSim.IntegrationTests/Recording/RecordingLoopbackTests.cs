using System.Buffers.Binary;
using System.Diagnostics;
using TrdpSim.Hosting;
using TrdpSim.IntegrationTests.MessageData;
using TrdpSim.Plan;
using TrdpSim.Protocol;
using TrdpSim.Recording;
using TrdpSim.Recording.Captures;
using TrdpSim.Transport;

namespace TrdpSim.IntegrationTests.Recording;

/// <summary>A recording of real loopback traffic — PD, MD over UDP and MD over TCP — holds every frame with the real
/// addresses and ports, as the C# reader and (where installed) tshark read it.</summary>
public sealed class RecordingLoopbackTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("trdpsim-rec-it-").FullName;

    [Fact]
    public async Task PdAndMdOverUdpAndTcpAreRecordedWithTheirRealEnds()
    {
        var plan = MdPlans.Pair(out var caller, out var replier, out var mdPort);
        var pdPort = plan.Network.PdPort;
        plan.Devices[0].Publications.Add(new PublicationPlan { Name = "pd", ComId = 1000, Cycle = TimeSpan.FromMilliseconds(20), Destination = replier, PayloadLength = 24 });
        plan.Devices[1].Subscriptions.Add(new SubscriptionPlan { Name = "pd", ComId = 1000, Source = caller, Timeout = TimeSpan.FromSeconds(5) });
        plan.Devices[0].MdCallers.Add(new MdCallerPlan { Name = "udp", ComId = 2000, Destination = replier, Rate = 20, PayloadLength = 16, ReplyTimeout = TimeSpan.FromSeconds(2) });
        plan.Devices[0].MdCallers.Add(new MdCallerPlan
        {
            Name = "tcp", ComId = 2001, Destination = replier, Rate = 20, PayloadLength = 16, ReplyTimeout = TimeSpan.FromSeconds(2), Protocol = MdProtocol.Tcp,
        });
        plan.Devices[1].MdRepliers.Add(new MdReplierPlan { Name = "udp", ComId = 2000, PayloadLength = 8 });
        plan.Devices[1].MdRepliers.Add(new MdReplierPlan { Name = "tcp", ComId = 2001, PayloadLength = 8, Protocol = MdProtocol.Tcp });
        var path = Path.Combine(_folder, "loopback.pcapng");

        RecordingSummary summary;
        await using (var host = RunHost.Create(plan, new RunHostOptions { Recording = new RecordingOptions { Path = path } }))
        {
            await host.StartAsync();
            await Task.Delay(1500);
            await host.StopAsync();
            summary = host.Recorder!.Summary();
        }

        Assert.Equal(0, summary.Dropped);
        var packets = Read(path);
        Assert.Equal(summary.Frames, packets.Count);

        // PD: from the publisher's send socket (ephemeral port) to the subscriber's PD port, TOS of QoS 5; both copies.
        var pd = packets.Where(p => p.Protocol == DecodedPacket.Udp && p.Destination == new Ip4Endpoint(replier, pdPort)).ToList();
        Assert.Contains(pd, p => p.Direction == PacketDirection.Outbound);
        Assert.Contains(pd, p => p.Direction == PacketDirection.Inbound);
        Assert.All(pd, p => Assert.Equal(caller, p.Source.Address));
        Assert.All(pd, p => Assert.NotEqual(pdPort, p.Source.Port));
        Assert.All(pd, p => Assert.Equal(0xA0, p.Tos));

        // MD over UDP: requests to the replier's MD port, replies from it to the caller's port.
        var requests = packets.Where(p => p.Protocol == DecodedPacket.Udp && p.Destination == new Ip4Endpoint(replier, mdPort) && Type(p) == TrdpMessageType.Mr).ToList();
        var replies = packets.Where(p => p.Protocol == DecodedPacket.Udp && p.Source == new Ip4Endpoint(replier, mdPort) && Type(p) == TrdpMessageType.Mp).ToList();
        Assert.NotEmpty(requests);
        Assert.NotEmpty(replies);
        Assert.All(replies, r => Assert.Contains(requests, q => q.Source == r.Destination));
        Assert.All(requests, p => Assert.Equal(0x60, p.Tos));

        // MD over TCP: one MD frame per segment, between the caller's connection and the replier's TCP port.
        var tcp = packets.Where(p => p.Protocol == DecodedPacket.Tcp).ToList();
        Assert.Contains(tcp, p => p.Destination == new Ip4Endpoint(replier, mdPort) && Type(p) == TrdpMessageType.Mr);
        Assert.Contains(tcp, p => p.Source == new Ip4Endpoint(replier, mdPort) && Type(p) == TrdpMessageType.Mp);
        Assert.All(tcp, p => Assert.NotEqual(0, p.Source.Port));
        Assert.All(tcp, p => Assert.Equal(FrameCheck.Ok, MdFrame.TryDecode(p.Payload, out _)));

        if (Tshark() is { } tshark)
        {
            // Wireshark's reader takes the file; every IPv4, UDP and TCP checksum is right; and tshark counts the same frames.
            var fields = Run(tshark, "-r", path, "-o", "ip.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE",
                "-T", "fields", "-e", "frame.number", "-e", "ip.checksum.status", "-e", "udp.checksum.status", "-e", "tcp.checksum.status");
            var lines = fields.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(packets.Count, lines.Length);
            Assert.All(lines, line => Assert.DoesNotContain("\t0", line, StringComparison.Ordinal)); // 0 = bad, 1 = good
            var tcpCount = Run(tshark, "-r", path, "-Y", $"tcp.port == {mdPort}").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
            Assert.Equal(tcp.Count, tcpCount);
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static TrdpMessageType Type(Packet packet) => (TrdpMessageType)BinaryPrimitives.ReadUInt16BigEndian(packet.Payload.AsSpan(6));

    private sealed record Packet(Ip4Endpoint Source, Ip4Endpoint Destination, byte Protocol, byte Tos, byte[] Payload, PacketDirection Direction);

    private static List<Packet> Read(string path)
    {
        using var stream = File.OpenRead(path);
        var reader = new CaptureReader(stream);
        var packets = new List<Packet>();
        while (reader.TryRead(out var frame))
        {
            Assert.Equal(PacketSkip.None, PacketDecoder.TryDecode(frame.LinkType, frame.Data, out var p));
            packets.Add(new Packet(p.Source, p.Destination, p.Protocol, p.Tos, p.Payload.ToArray(), frame.Direction));
        }

        return packets;
    }

    /// <summary>tshark, when installed (tools/install-deps.sh installs it); null otherwise.</summary>
    internal static string? Tshark() =>
        Environment.GetEnvironmentVariable("PATH")?.Split(':').Select(dir => Path.Combine(dir, "tshark")).FirstOrDefault(File.Exists);

    internal static string Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(60_000), $"{program} did not finish");
        Assert.True(process.ExitCode == 0, $"{program} exit {process.ExitCode}: {error.Result}");
        return output.Result;
    }
}
