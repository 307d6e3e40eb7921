using CsCheck;
using TrdpSim.Tests.Infrastructure;

namespace TrdpSim.Tests.Transport.Tcp;

/// <summary>Framing of MD frames in a TCP byte stream (trdp-wire.md §8.9).</summary>
public sealed class MdStreamFramerTests
{
    internal static byte[] Frame(uint comId, int datasetLength, TrdpMessageType type = TrdpMessageType.Mr, byte fill = 0xA5)
    {
        var header = new MdHeader { ComId = comId, MessageType = type, SequenceCounter = comId };
        byte[] data = new byte[datasetLength];
        data.AsSpan().Fill(fill);
        byte[] frame = new byte[MdFrame.FrameLength(datasetLength)];
        MdFrame.Encode(frame, header, data);
        return frame;
    }

    /// <summary>Feeds <paramref name="stream"/> in chunks of the given sizes and collects frames (copies).</summary>
    private static (List<byte[]> Frames, MdStreamResult Last) Feed(MdStreamFramer framer, ReadOnlySpan<byte> stream, ReadOnlySpan<int> cuts)
    {
        var frames = new List<byte[]>();
        int position = 0;
        int cut = 0;
        while (position < stream.Length)
        {
            int size = cuts.IsEmpty ? stream.Length : Math.Max(1, cuts[cut++ % cuts.Length]);
            ReadOnlySpan<byte> chunk = stream.Slice(position, Math.Min(size, stream.Length - position));
            position += chunk.Length;
            while (!chunk.IsEmpty)
            {
                int taken = framer.Write(chunk);
                chunk = chunk[taken..];
                MdStreamResult result;
                while ((result = framer.TryReadFrame(out ReadOnlySpan<byte> frame, out MdHeader header)) == MdStreamResult.Frame)
                {
                    Assert.Equal(MdFrame.FrameLength((int)header.DatasetLength), frame.Length);
                    frames.Add(frame.ToArray());
                }

                if (result == MdStreamResult.Error)
                {
                    return (frames, result);
                }

                if (taken == 0)
                {
                    throw new InvalidOperationException("Framer took nothing after being drained.");
                }
            }
        }

        return (frames, MdStreamResult.NeedMoreData);
    }

    [Fact]
    public void SingleFrameInOneChunkComesOutWhole()
    {
        byte[] frame = Frame(1001, 13);
        var (frames, last) = Feed(new MdStreamFramer(), frame, []);
        Assert.Equal(MdStreamResult.NeedMoreData, last);
        Assert.Single(frames);
        Assert.Equal(frame, frames[0]);
    }

    [Fact]
    public void FrameSplitAtEveryByteBoundaryComesOutOnce()
    {
        byte[] stream = [.. Frame(1, 13), .. Frame(2, 0), .. Frame(3, 4096)];
        for (int split = 1; split < stream.Length; split++)
        {
            var framer = new MdStreamFramer(MdFrame.HeaderSize);
            var (frames, last) = Feed(framer, stream, [split, stream.Length]);
            Assert.Equal(MdStreamResult.NeedMoreData, last);
            Assert.Equal(3, frames.Count);
            Assert.Equal(stream, frames.SelectMany(f => f).ToArray());
            Assert.Equal(0, framer.BufferedBytes);
        }
    }

    [Fact]
    public void SeveralFramesPerChunkAndRandomSplitsRoundTrip()
    {
        Gen.Select(Gen.Int[0, 2000].Array[1, 12], Gen.Int[1, 5000].Array[1, 8], Gen.Int[MdFrame.HeaderSize, 40000])
            .Sample((lengths, cuts, chunk) =>
            {
                var expected = new List<byte[]>();
                for (int i = 0; i < lengths.Length; i++)
                {
                    expected.Add(Frame((uint)i, lengths[i], fill: (byte)i));
                }

                byte[] stream = expected.SelectMany(f => f).ToArray();
                var framer = new MdStreamFramer(chunk);
                var (frames, last) = Feed(framer, stream, cuts);
                Assert.Equal(MdStreamResult.NeedMoreData, last);
                Assert.Equal(expected.Count, frames.Count);
                for (int i = 0; i < frames.Count; i++)
                {
                    Assert.Equal(expected[i], frames[i]);
                }

                Assert.True(framer.Capacity <= framer.MaxCapacity);
            }, iter: 300);
    }

    [Fact]
    public void MaximumSizeFramesFitTheBoundedBuffer()
    {
        byte[] big = Frame(7, MdFrame.MaxDatasetLength);
        Assert.Equal(MdFrame.MaxFrameSize, big.Length);
        byte[] stream = [.. big, .. Frame(8, 1), .. big];
        var framer = new MdStreamFramer();
        var (frames, last) = Feed(framer, stream, [7000, 65536, 3]);
        Assert.Equal(MdStreamResult.NeedMoreData, last);
        Assert.Equal(3, frames.Count);
        Assert.Equal(big, frames[2]);
        Assert.Equal(MdFrame.MaxFrameSize + MdStreamFramer.DefaultChunkSize, framer.MaxCapacity);
        Assert.True(framer.Capacity <= framer.MaxCapacity);
    }

    [Theory]
    [InlineData("fcs", FrameCheck.BadFcs)]
    [InlineData("version", FrameCheck.BadVersion)]
    [InlineData("type", FrameCheck.WrongMessageType)]
    [InlineData("length", FrameCheck.DatasetTooLong)]
    public void BadHeaderPoisonsTheStream(string corruption, FrameCheck expected)
    {
        byte[] good = Frame(1, 8);
        byte[] bad = Frame(2, 8);
        switch (corruption)
        {
            case "fcs": bad[3] ^= 0xFF; break;
            case "version": bad[4] = 0x02; HeaderFcs.Write(bad.AsSpan(0, MdFrame.HeaderSize)); break;
            case "type": bad[6] = (byte)'P'; bad[7] = (byte)'d'; HeaderFcs.Write(bad.AsSpan(0, MdFrame.HeaderSize)); break;
            default:
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bad.AsSpan(20), MdFrame.MaxDatasetLength + 1);
                HeaderFcs.Write(bad.AsSpan(0, MdFrame.HeaderSize));
                break;
        }

        var framer = new MdStreamFramer();
        var (frames, last) = Feed(framer, [.. good, .. bad, .. good], []);
        Assert.Single(frames);
        Assert.Equal(MdStreamResult.Error, last);
        Assert.Equal(expected, framer.Error);
        Assert.True(framer.IsPoisoned);
        Assert.Equal(MdStreamResult.Error, framer.TryReadFrame(out _, out _));
        Assert.Equal(0, framer.Write(good));
        framer.Reset();
        Assert.False(framer.IsPoisoned);
        Assert.Single(Feed(framer, good, []).Frames);
    }

    [Fact]
    public void UnpaddedPeerDesynchronisesAndIsReportedNotSkipped()
    {
        byte[] padded = Frame(1, 13);
        byte[] unpadded = padded[..(MdFrame.HeaderSize + 13)];
        var framer = new MdStreamFramer();
        var (frames, last) = Feed(framer, [.. unpadded, .. padded, .. padded], []);
        Assert.Equal(MdStreamResult.Error, last);
        Assert.Equal(FrameCheck.BadFcs, framer.Error);
        Assert.Single(frames);
    }

    [Fact]
    public void TcpCaptureFramesAreCutFromTheStreamByteByByte()
    {
        byte[] request = TestVectors.Frame("md-tcp-request-reply.pcap", 4).Payload;
        byte[] reply = TestVectors.Frame("md-tcp-request-reply.pcap", 6).Payload;
        Assert.Equal(132, request.Length);
        Assert.Equal(136, reply.Length);
        var framer = new MdStreamFramer();
        var (frames, last) = Feed(framer, [.. request, .. reply], [1]);
        Assert.Equal(MdStreamResult.NeedMoreData, last);
        Assert.Equal(2, frames.Count);
        Assert.Equal(request, frames[0]);
        Assert.Equal(reply, frames[1]);
        Assert.Equal(FrameCheck.Ok, MdFrame.TryDecode(frames[1], out MdHeader header));
        Assert.Equal(TrdpMessageType.Mp, header.MessageType);
        Assert.Equal(17u, header.DatasetLength);
    }

    [Fact]
    public void SteadyStateFramingAllocatesNothing()
    {
        byte[] stream = [.. Frame(1, 13), .. Frame(2, 1000), .. Frame(3, 0)];
        var framer = new MdStreamFramer();
        int frames = 0;
        void Run(int rounds)
        {
            for (int r = 0; r < rounds; r++)
            {
                ReadOnlySpan<byte> rest = stream;
                while (!rest.IsEmpty)
                {
                    Span<byte> free = framer.GetWriteMemory().Span;
                    int n = Math.Min(Math.Min(free.Length, rest.Length), 97);
                    rest[..n].CopyTo(free);
                    framer.Advance(n);
                    rest = rest[n..];
                    while (framer.TryReadFrame(out _, out _) == MdStreamResult.Frame)
                    {
                        frames++;
                    }
                }
            }
        }

        long allocated = SteadyAllocation.Fewest(() =>
        {
            frames = 0;
            Run(10_000);
        });
        Assert.True(allocated == 0, $"framing allocated {allocated} bytes for 30,000 frames");
        Assert.Equal(30_000, frames); // the last round alone
    }
}
