using System.Buffers.Binary;
using TrdpSim.Hosting;
using TrdpSim.Plan;
using TrdpSim.Recording;
using TrdpSim.Recording.Captures;
using TrdpSim.Transport;

namespace TrdpSim.Tests.Recording;

/// <summary>A run recorded end to end on the in-memory network: what is in the files matches what the devices sent
/// and received, filters and directions hold, rotation numbers its files, and a bad path fails before the run.</summary>
public sealed class FrameRecorderTests : IDisposable
{
    private const uint A = 0x0A010002;
    private const uint B = 0x0A010003;
    private readonly string _folder = Directory.CreateTempSubdirectory("trdpsim-rec-").FullName;

    [Fact]
    public async Task EveryFrameSentAndReceivedIsInTheFileOnce()
    {
        var path = Path.Combine(_folder, "all.pcapng");
        var (summary, sent, received) = await RecordAsync(new RecordingOptions { Path = path }, TimeSpan.FromMilliseconds(600));
        var packets = Read(path);
        Assert.Equal(0, summary.Dropped);
        Assert.Equal([path], summary.Files);
        Assert.Equal(summary.Frames, packets.Count);
        Assert.Equal(new FileInfo(path).Length, summary.Bytes);
        var outbound = packets.Count(p => p.Direction == PacketDirection.Outbound && p.Source.Address == A);
        var inbound = packets.Count(p => p.Direction == PacketDirection.Inbound && p.Destination.Address == B);
        Assert.Equal(sent + received, packets.Count);
        Assert.Equal(sent, outbound);
        Assert.Equal(received, inbound);
        Assert.All(packets, p => Assert.Equal(0xA0, p.Tos)); // PD QoS 5
        Assert.All(packets, p => Assert.Equal(17224, p.Destination.Port));

        // Replayed, a recording of both directions sends each frame once: as it was sent.
        using var stream = File.OpenRead(path);
        var replay = TrdpSim.Recording.Replay.ReplayCapture.Load(stream, 17224, 17225);
        Assert.Equal(sent, replay.Frames.Count);
        Assert.Equal(received, replay.Skipped["inbound-copy"]);
    }

    [Fact]
    public async Task FiltersAndDirectionKeepOnlyWhatWasAskedFor()
    {
        var path = Path.Combine(_folder, "filtered.pcapng");
        RecordingFilter.TryParse(["comid=1001", "device=a"], out var filter, out _);
        var (summary, _, _) = await RecordAsync(new RecordingOptions { Path = path, Direction = RecordingDirection.Sent, Filter = filter }, TimeSpan.FromMilliseconds(400));
        var packets = Read(path);
        Assert.NotEmpty(packets);
        Assert.Equal(summary.Frames, packets.Count);
        Assert.All(packets, p => Assert.Equal(A, p.Source.Address));
        Assert.All(packets, p => Assert.Equal(PacketDirection.Outbound, p.Direction));
        Assert.All(packets, p => Assert.Equal(1001u, BinaryPrimitives.ReadUInt32BigEndian(p.Payload.AsSpan(8))));
        Assert.Equal("comid=1001 device=a", summary.Filter);
    }

    [Fact]
    public async Task RotationByTimeWritesNumberedFilesThatTogetherHoldEveryFrame()
    {
        var path = Path.Combine(_folder, "rotating.pcapng");
        var options = new RecordingOptions { Path = path, Rotation = new RecordingRotation(null, TimeSpan.FromSeconds(1)) };
        var (summary, sent, received) = await RecordAsync(options, TimeSpan.FromMilliseconds(2500));
        Assert.True(summary.Files.Count >= 2, string.Join(", ", summary.Files));
        Assert.Equal(Path.Combine(_folder, "rotating-0001.pcapng"), summary.Files[0]);
        Assert.Equal(Path.Combine(_folder, "rotating-0002.pcapng"), summary.Files[1]);
        Assert.False(File.Exists(path));
        var total = summary.Files.Sum(file => Read(file).Count);
        Assert.Equal(summary.Frames, total);
        Assert.Equal(sent + received, total);
        Assert.Equal(summary.Files.Sum(file => new FileInfo(file).Length), summary.Bytes);
    }

    [Fact]
    public async Task RotationBySizeKeepsEachFileNearItsLimit()
    {
        var path = Path.Combine(_folder, "sized.pcapng");
        var options = new RecordingOptions { Path = path, Rotation = new RecordingRotation(RecordingRotation.MinimumBytes, null) };
        var (summary, _, _) = await RecordAsync(options, TimeSpan.FromMilliseconds(1500), count: 50);
        Assert.True(summary.Files.Count >= 3, string.Join(", ", summary.Files));
        foreach (var file in summary.Files)
        {
            Assert.InRange(new FileInfo(file).Length, 1, RecordingRotation.MinimumBytes + 200);
            Read(file);
        }

        Assert.Equal(summary.Frames, summary.Files.Sum(file => Read(file).Count));
    }

    [Fact]
    public void AFileThatCannotBeCreatedFailsBeforeTheRunWithItsName()
    {
        var path = Path.Combine(_folder, "no-such-folder", "x.pcapng");
        var error = Assert.Throws<RecordingException>(() => RunHost.Create(Plan(1), new RunHostOptions { Recording = new RecordingOptions { Path = path } }));
        Assert.Contains($"cannot create the recording {path}", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static async Task<(RecordingSummary Summary, long Sent, long Received)> RecordAsync(RecordingOptions options, TimeSpan duration, int count = 2)
    {
        await using var host = RunHost.Create(Plan(count), new RunHostOptions { Recording = options });
        await host.StartAsync();
        await Task.Delay(duration);
        await host.StopAsync();
        long sent = 0, received = 0;
        foreach (var group in host.Telemetry.Groups)
        {
            var totals = group.Totals();
            sent += totals.Sent;
            received += totals.Received;
        }

        return (host.Recorder!.Summary(), sent, received);
    }

    /// <summary>A publishes ComIds 1000 and 1001 (<paramref name="count"/> instances each) to B every 10 ms.</summary>
    private static RunPlan Plan(int count)
    {
        var plan = new RunPlan { Name = "rec" };
        plan.Network.Transport = TransportKind.InMemory;
        plan.Metrics.Enabled = false;
        var a = new DevicePlan { Name = "a", Address = A };
        a.Publications.Add(new PublicationPlan { Name = "out", ComId = 1000, Count = count, Cycle = TimeSpan.FromMilliseconds(10), Destination = B, PayloadLength = 24 });
        var b = new DevicePlan { Name = "b", Address = B };
        b.Subscriptions.Add(new SubscriptionPlan { Name = "in", ComId = 1000, Count = count, Source = A, Timeout = TimeSpan.FromSeconds(5) });
        plan.Devices.Add(a);
        plan.Devices.Add(b);
        return plan;
    }

    private static List<(Ip4Endpoint Source, Ip4Endpoint Destination, byte Tos, byte[] Payload, PacketDirection Direction)> Read(string path)
    {
        using var stream = File.OpenRead(path);
        var reader = new CaptureReader(stream);
        var packets = new List<(Ip4Endpoint, Ip4Endpoint, byte, byte[], PacketDirection)>();
        while (reader.TryRead(out var frame))
        {
            Assert.Equal(PacketSkip.None, PacketDecoder.TryDecode(frame.LinkType, frame.Data, out var packet));
            packets.Add((packet.Source, packet.Destination, packet.Tos, packet.Payload.ToArray(), frame.Direction));
        }

        return packets;
    }
}
