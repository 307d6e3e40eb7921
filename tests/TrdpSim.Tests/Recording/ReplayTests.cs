using System.Buffers.Binary;
using TrdpSim.Protocol;
using TrdpSim.Recording.Replay;
using TrdpSim.Scheduling;
using TrdpSim.Tests.Infrastructure;
using TrdpSim.Transport;

namespace TrdpSim.Tests.Recording;

/// <summary>Replay of the shared captures: rewrites (addresses, ComIds, renumbering, FCS), the loopback guard, and
/// sending on the in-memory network with the captured order, bytes and (scaled) timing.</summary>
public sealed class ReplayTests
{
    [Fact]
    public void AddressMapsMapHostsAndNetworksFirstRuleFirst()
    {
        var map = new AddressMap();
        Assert.True(map.TryAdd("10.0.0.1=127.0.0.2", out _));
        Assert.True(map.TryAdd("10.0.0.0/24=127.0.1.0/24", out _));
        Assert.Equal(Ip4Endpoint.ParseAddress("127.0.0.2"), map.Map(Ip4Endpoint.ParseAddress("10.0.0.1")));
        Assert.Equal(Ip4Endpoint.ParseAddress("127.0.1.9"), map.Map(Ip4Endpoint.ParseAddress("10.0.0.9")));
        Assert.Equal(Ip4Endpoint.ParseAddress("10.0.1.9"), map.Map(Ip4Endpoint.ParseAddress("10.0.1.9")));
        Assert.False(map.TryAdd("10.0.0.0/24=127.0.0.0/16", out var error));
        Assert.Contains("same prefix length", error, StringComparison.Ordinal);
        Assert.False(map.TryAdd("10.0.0.1", out error));
        Assert.Contains("expected address=address", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ComIdMapsRefuseAConflict()
    {
        var map = new ComIdMap();
        Assert.True(map.TryAdd("1000=2000", out _));
        Assert.True(map.TryAdd("1000=2000", out _));
        Assert.False(map.TryAdd("1000=3000", out var error));
        Assert.Contains("already mapped to 2000", error, StringComparison.Ordinal);
        Assert.False(map.TryAdd("x=1", out _));
        Assert.Equal(2000u, map.Map(1000));
        Assert.Equal(1001u, map.Map(1001));
    }

    [Fact]
    public void WithoutRewritesEveryFrameIsSentAsCaptured()
    {
        var capture = Load("pd-receiver-checks.pcap");
        var rewrites = ReplayRewriter.Apply(capture, new ReplayOptions());
        var original = PcapReader.ReadFile(TestVectors.PathOf("pd-receiver-checks.pcap"));
        Assert.Equal(original.Count, capture.Frames.Count);
        for (var i = 0; i < original.Count; i++)
        {
            Assert.Equal(original[i].Payload, Bytes(capture, i));
        }

        Assert.Equal(0, rewrites.FcsRecomputed + rewrites.ComIdsMapped + rewrites.AddressesMapped + rewrites.Renumbered);
    }

    [Fact]
    public void AComIdRewriteGetsANewFcsAndABrokenFcsIsKeptOnlyWhenAsked()
    {
        var comIds = new ComIdMap();
        comIds.TryAdd("1000=2000", out _);
        var fixedUp = Load("pd-receiver-checks.pcap");
        var rewrites = ReplayRewriter.Apply(fixedUp, new ReplayOptions { ComIds = comIds });
        var kept = Load("pd-receiver-checks.pcap");
        var keptRewrites = ReplayRewriter.Apply(kept, new ReplayOptions { ComIds = comIds, KeepFcs = true });

        // Frame 5 carries a deliberately wrong FCS (vectors README); frame 17 is a 39-byte runt; 16 is ComId 1001.
        for (var i = 0; i < fixedUp.Frames.Count; i++)
        {
            var number = fixedUp.Frames[i].Number;
            var frame = Bytes(fixedUp, i);
            if (number == 17)
            {
                Assert.Equal(39, frame.Length);
                continue;
            }

            var comId = BinaryPrimitives.ReadUInt32BigEndian(frame.AsSpan(8));
            Assert.Equal(number is 16 or 24 or 25 ? ComIdOf(number) : 2000u, comId);
            Assert.True(HeaderFcs.Verify(frame.AsSpan(0, PdFrame.HeaderSize)), $"frame {number}");
            Assert.Equal(number != 5, HeaderFcs.Verify(Bytes(kept, i).AsSpan(0, PdFrame.HeaderSize)));
        }

        Assert.Equal(21, rewrites.ComIdsMapped);
        Assert.Equal(21, rewrites.FcsRecomputed);
        Assert.Equal(20, keptRewrites.FcsRecomputed);
        Assert.Equal(1, keptRewrites.FcsKeptWrong);
    }

    [Fact]
    public void RenumberingCountsEachPublicationFromZero()
    {
        var capture = Load("pd-publish.pcap");
        ReplayRewriter.Apply(capture, new ReplayOptions { Renumber = true });
        for (var i = 0; i < capture.Frames.Count; i++)
        {
            var frame = Bytes(capture, i);
            Assert.Equal((uint)i, BinaryPrimitives.ReadUInt32BigEndian(frame));
            Assert.True(HeaderFcs.Verify(frame.AsSpan(0, PdFrame.HeaderSize)));
        }

        // pd-receiver-checks: two sources of ComId 1000 count apart; the frames of 127.0.0.3 start at 0 again.
        var checks = Load("pd-receiver-checks.pcap");
        ReplayRewriter.Apply(checks, new ReplayOptions { Renumber = true });
        var second = checks.Frames.FindIndex(f => f.Number == 20);
        Assert.Equal(0u, BinaryPrimitives.ReadUInt32BigEndian(Bytes(checks, second)));
    }

    [Fact]
    public void TheGuardListsEveryAddressOffLoopbackAndSaysHowToMapIt()
    {
        var capture = Load("pd-pull.pcap");
        var addresses = new AddressMap();
        addresses.TryAdd("127.0.0.1=10.0.0.1", out _);
        addresses.TryAdd("127.0.0.2=10.0.0.2", out _);
        ReplayRewriter.Apply(capture, new ReplayOptions { Addresses = addresses });
        var exposed = ReplayNetworkGuard.Exposed(capture.Frames);
        Assert.Equal([Ip4Endpoint.ParseAddress("10.0.0.1"), Ip4Endpoint.ParseAddress("10.0.0.2")], exposed);
        Assert.Equal(
            "refusing to send outside the loopback range (10.0.0.1, 10.0.0.2); map them onto loopback with --address-map, e.g. --address-map 10.0.0.1=127.0.0.2 (repeatable; networks too: 10.0.0.0/24=127.0.1.0/24), or send on a network on purpose with --allow-network",
            ReplayNetworkGuard.Advice(exposed));
        Assert.Empty(ReplayNetworkGuard.Exposed(Load("pd-pull.pcap").Frames));
    }

    [Fact]
    public void AGroupIsAllowedFromALoopbackSourceOnly()
    {
        var group = new Ip4Endpoint(Ip4Endpoint.ParseAddress("239.1.1.1"), 17224);
        var fromLoopback = new ReplayFrame(1, 0, 0, 40, new Ip4Endpoint(0x7F000002, 5000), group, 0xA0, 64);
        Assert.Empty(ReplayNetworkGuard.Exposed([fromLoopback]));
        Assert.Equal([Ip4Endpoint.ParseAddress("10.1.1.1"), group.Address], ReplayNetworkGuard.Exposed([fromLoopback with { Source = new Ip4Endpoint(0x0A010101, 5000) }]));
    }

    [Fact]
    public void AReplaySendsEveryFrameInOrderWithItsBytes()
    {
        var transport = new InMemoryUdpTransport();
        using var receiver = transport.Open(new UdpEndpointOptions { BindAddress = 0x7F000001, Port = 17224 });
        var capture = Load("pd-publish.pcap");
        var options = new ReplayOptions { Speed = double.PositiveInfinity };
        var result = Replayer.Run(capture, ReplayRewriter.Apply(capture, options), options, transport, new SleepWaitStrategy(), CancellationToken.None);
        Assert.Equal(29, result.Sent);
        Assert.Equal(0, result.SendFailures);
        Assert.Equal(0, result.GapError.Count); // as fast as possible: no timing to keep

        var original = PcapReader.ReadFile(TestVectors.PathOf("pd-publish.pcap"));
        var slots = new IncomingDatagram[64];
        var block = GC.AllocateArray<byte>(64 * 2048, pinned: true);
        for (var i = 0; i < slots.Length; i++)
        {
            slots[i] = new IncomingDatagram(block, i * 2048, 2048);
        }

        var received = new List<byte[]>();
        int count;
        while ((count = receiver.Receive(slots, 0)) > 0)
        {
            for (var i = 0; i < count; i++)
            {
                received.Add(slots[i].Payload.ToArray());
                Assert.Equal(0x7F000002u, slots[i].Source.Address);
            }
        }

        Assert.Equal(original.Select(p => p.Payload), received);
    }

    [Fact]
    [Trait("Category", "Timing")]
    public void ScaledTimingKeepsTheCapturedGapsDividedByTheSpeed()
    {
        var transport = new InMemoryUdpTransport();
        using var receiver = transport.Open(new UdpEndpointOptions { BindAddress = 0x7F000001, Port = 17224 });
        var capture = Load("pd-publish.pcap"); // 29 frames, 100 ms apart
        var options = new ReplayOptions { Speed = 10 };
        var result = Replayer.Run(capture, ReplayRewriter.Apply(capture, options), options, transport, new HybridWaitStrategy(), CancellationToken.None);
        Assert.Equal(29, result.Sent);
        Assert.InRange(result.IntendedDuration.TotalMilliseconds, 279, 282);
        Assert.Equal(28, result.GapError.Count);
        Assert.Equal(29, result.Lateness.Count);
        // The actual run lasts the intended time give or take the host's scheduling (a loaded 2-core machine).
        Assert.InRange(result.ActualDuration.TotalMilliseconds, 250, 600);
        Assert.True(result.Lateness.P50 >= 0);
    }

    private static ReplayCapture Load(string file)
    {
        using var stream = File.OpenRead(TestVectors.PathOf(file));
        return ReplayCapture.Load(stream, 17224, 17225);
    }

    private static byte[] Bytes(ReplayCapture capture, int index)
    {
        var frame = capture.Frames[index];
        return capture.Buffer.AsSpan(frame.Offset, frame.Length).ToArray();
    }

    private static uint ComIdOf(int number) => number switch
    {
        16 => 1001,
        _ => 31,
    };
}
