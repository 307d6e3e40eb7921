using TrdpSim.Recording.Internal;
using TrdpSim.Transport;

namespace TrdpSim.Tests.Recording;

/// <summary>The many-to-one ring between the send/receive threads and the recorder's writer.</summary>
public sealed class FrameRingTests
{
    private const int Capacity = 256 * 1024;

    [Fact]
    public void RecordsComeOutInOrderWithTheirFieldsAcrossManyWraps()
    {
        var ring = new FrameRing(Capacity);
        var reader = new Collect();
        var payload = new byte[1500];
        for (var round = 0; round < 2000; round++)
        {
            var length = 40 + (round * 37 % 1400);
            payload[0] = (byte)round;
            Assert.True(ring.TryWrite(payload.AsSpan(0, length), new Ip4Endpoint((uint)round, 1), new Ip4Endpoint(7, (ushort)round), round * 10L, (ushort)(round % 5)));
            if (round % 3 == 2)
            {
                ring.Drain(ref reader, int.MaxValue);
            }
        }

        ring.Drain(ref reader, int.MaxValue);
        Assert.Equal(2000, reader.Records.Count);
        for (var i = 0; i < 2000; i++)
        {
            var (record, first, length) = reader.Records[i];
            Assert.Equal(i * 10L, record.Timestamp);
            Assert.Equal((uint)i, record.Source.Address);
            Assert.Equal((ushort)i, record.Destination.Port);
            Assert.Equal((ushort)(i % 5), record.Point);
            Assert.Equal((byte)i, first);
            Assert.Equal(40 + (i * 37 % 1400), length);
        }

        Assert.Equal(0, ring.Dropped);
    }

    [Fact]
    public void AFullRingDropsAndCountsInsteadOfWaiting()
    {
        var ring = new FrameRing(Capacity);
        var payload = new byte[1000];
        var written = 0;
        for (var i = 0; i < 1000; i++)
        {
            written += ring.TryWrite(payload, default, default, i, 0) ? 1 : 0;
        }

        Assert.Equal(Capacity / 1032, written); // 32-byte header + 1000 bytes = 1032, 8-aligned
        Assert.Equal(1000 - written, ring.Dropped);
        var reader = new Collect();
        Assert.Equal(written, ring.Drain(ref reader, int.MaxValue));
        Assert.True(ring.TryWrite(payload, default, default, 0, 0));
    }

    [Fact]
    public void ManyProducersLoseNothingThatFits()
    {
        var ring = new FrameRing(1 << 20);
        const int Producers = 4;
        const int PerProducer = 20_000;
        var reader = new Collect();
        var producers = new Thread[Producers];
        for (var p = 0; p < Producers; p++)
        {
            var id = (ushort)p;
            producers[p] = new Thread(() =>
            {
                var payload = new byte[64];
                for (var i = 0; i < PerProducer; i++)
                {
                    while (!ring.TryWrite(payload, default, default, i, id))
                    {
                        Thread.Yield();
                    }
                }
            });
            producers[p].Start();
        }

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (reader.Records.Count < Producers * PerProducer && DateTime.UtcNow < deadline)
        {
            ring.Drain(ref reader, 1024);
        }

        foreach (var producer in producers)
        {
            producer.Join();
        }

        Assert.Equal(Producers * PerProducer, reader.Records.Count);
        var next = new long[Producers];
        foreach (var (record, _, _) in reader.Records)
        {
            Assert.Equal(next[record.Point]++, record.Timestamp); // each producer's records in its own order
        }
    }

    private struct Collect : IFrameRecordReader
    {
        public Collect()
        {
        }

        public List<(FrameRecord Record, byte First, int Length)> Records { get; } = [];

        public readonly void Read(in FrameRecord record, ReadOnlySpan<byte> payload) =>
            Records.Add((record, payload.Length > 0 ? payload[0] : (byte)0, payload.Length));
    }
}
