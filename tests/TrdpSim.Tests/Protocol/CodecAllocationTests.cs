using TrdpSim.Tests.Infrastructure;

namespace TrdpSim.Tests.Protocol;

/// <summary>The hot path must not allocate: encode, rewrite and decode in a loop allocate 0 bytes.</summary>
public sealed class CodecAllocationTests
{
    [Fact]
    public void PdAndMdEncodeDecodeAllocateNothing()
    {
        byte[] frame = new byte[MdFrame.MaxFrameSize];
        byte[] dataset = new byte[100];
        var pd = new PdHeader { ComId = 1000 };
        var md = new MdHeader { ComId = 1001, MessageType = TrdpMessageType.Mr, SourceUri = TrdpUri.FromString("caller") };

        int ok = 0;
        long allocated = SteadyAllocation.Fewest(() => ok = Run(frame, dataset, pd, md, 10_000));

        Assert.Equal(30_000, ok);
        Assert.True(allocated == 0, $"codec loop allocated {allocated} bytes");
    }

    private static int Run(byte[] frame, byte[] dataset, PdHeader pd, MdHeader md, int iterations)
    {
        int ok = 0;
        for (int i = 0; i < iterations; i++)
        {
            int length = PdFrame.Encode(frame, pd, dataset);
            PdFrame.RewriteSequence(frame, (uint)i);
            ok += PdFrame.TryDecode(frame.AsSpan(0, length), out PdHeader decoded) == FrameCheck.Ok && decoded.SequenceCounter == (uint)i ? 1 : 0;
            FieldWriter.WriteInteger(frame.AsSpan(PdFrame.HeaderSize + 4), TrdpDataType.Int16, i);
            ok += FieldReader.ReadInteger(frame.AsSpan(PdFrame.HeaderSize + 4), TrdpDataType.Int16) == (short)Math.Min(i, short.MaxValue) ? 1 : 0;

            length = MdFrame.Encode(frame, md, dataset);
            ok += MdFrame.TryDecode(frame.AsSpan(0, length), out MdHeader decodedMd) == FrameCheck.Ok && decodedMd.SourceUri == md.SourceUri ? 1 : 0;
        }

        return ok;
    }
}
