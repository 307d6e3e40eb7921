using CsCheck;

namespace TrdpSim.Tests.Protocol;

/// <summary>Round-trip and robustness properties of the PD/MD codecs.</summary>
public sealed class FramePropertyTests
{
    private static readonly TrdpMessageType[] PdTypes = [TrdpMessageType.Pd, TrdpMessageType.Pp, TrdpMessageType.Pr, TrdpMessageType.Pe];

    private static readonly TrdpMessageType[] MdTypes =
        [TrdpMessageType.Mn, TrdpMessageType.Mr, TrdpMessageType.Mp, TrdpMessageType.Mq, TrdpMessageType.Mc, TrdpMessageType.Me];

    private static readonly Gen<PdHeader> GenPdHeader =
        Gen.Select(Gen.UInt, Gen.UInt, Gen.UInt, Gen.UInt, Gen.UInt, Gen.UInt, Gen.UInt, Gen.Int[0, 3])
            .Select((seq, comId, etb, op, reserved, replyComId, replyIp, type) => new PdHeader
            {
                SequenceCounter = seq,
                ComId = comId,
                EtbTopoCount = etb,
                OpTrainTopoCount = op,
                Reserved = reserved,
                ReplyComId = replyComId,
                ReplyIpAddress = replyIp,
                MessageType = PdTypes[type],
            });

    private static readonly Gen<string> GenUri = Gen.Char['!', '~'].Array[0, 32].Select(chars => new string(chars));

    private static readonly Gen<MdHeader> GenMdHeader =
        Gen.Select(Gen.UInt, Gen.UInt, Gen.UInt, Gen.Int, Gen.Byte.Array[16], Gen.UInt, Gen.Select(GenUri, GenUri), Gen.Int[0, 5])
            .Select((seq, comId, topo, status, session, timeout, uris, type) => new MdHeader
            {
                SequenceCounter = seq,
                ComId = comId,
                EtbTopoCount = topo,
                OpTrainTopoCount = ~topo,
                ReplyStatus = status,
                SessionId = SessionId.FromBytes(session),
                ReplyTimeoutMicros = timeout,
                SourceUri = TrdpUri.FromString(uris.Item1),
                DestinationUri = TrdpUri.FromString(uris.Item2),
                MessageType = MdTypes[type],
            });

    [Fact]
    public void PdFramesRoundTrip()
    {
        Gen.Select(GenPdHeader, Gen.Byte.Array[0, PdFrame.MaxDatasetLength]).Sample((header, dataset) =>
        {
            byte[] frame = new byte[PdFrame.MaxFrameSize];
            int length = PdFrame.Encode(frame, header, dataset);
            Assert.Equal(0, length % 4);
            Assert.Equal(FrameCheck.Ok, PdFrame.TryDecode(frame.AsSpan(0, length), out PdHeader decoded));
            Assert.Equal((uint)dataset.Length, decoded.DatasetLength);
            PdHeader expected = header;
            expected.DatasetLength = decoded.DatasetLength;
            expected.HeaderFcs = decoded.HeaderFcs;
            Assert.Equal(expected, decoded);
            Assert.True(frame.AsSpan(PdFrame.HeaderSize, dataset.Length).SequenceEqual(dataset));
            Assert.True(frame.AsSpan(PdFrame.HeaderSize + dataset.Length, length - PdFrame.HeaderSize - dataset.Length).IndexOfAnyExcept((byte)0) < 0);
        }, iter: 300);
    }

    [Fact]
    public void RewriteSequenceEqualsFullEncode()
    {
        Gen.Select(GenPdHeader, Gen.UInt, Gen.Byte.Array[0, 64]).Sample((header, seq, dataset) =>
        {
            byte[] rewritten = new byte[PdFrame.MaxFrameSize];
            byte[] fresh = new byte[PdFrame.MaxFrameSize];
            int length = PdFrame.Encode(rewritten, header, dataset);
            PdFrame.RewriteTypeAndSequence(rewritten, TrdpMessageType.Pp, seq);
            PdHeader changed = header;
            changed.SequenceCounter = seq;
            changed.MessageType = TrdpMessageType.Pp;
            PdFrame.Encode(fresh, changed, dataset);
            Assert.True(rewritten.AsSpan(0, length).SequenceEqual(fresh.AsSpan(0, length)));
        }, iter: 200);
    }

    [Fact]
    public void MdFramesRoundTrip()
    {
        Gen.Select(GenMdHeader, Gen.Byte.Array[0, 2000]).Sample((header, dataset) =>
        {
            byte[] frame = new byte[MdFrame.FrameLength(dataset.Length)];
            int length = MdFrame.Encode(frame, header, dataset);
            Assert.Equal(frame.Length, length);
            Assert.Equal(FrameCheck.Ok, MdFrame.TryDecode(frame, out MdHeader decoded));
            MdHeader expected = header;
            expected.DatasetLength = (uint)dataset.Length;
            expected.HeaderFcs = decoded.HeaderFcs;
            Assert.Equal(expected, decoded);
            Assert.True(frame.AsSpan(MdFrame.HeaderSize, dataset.Length).SequenceEqual(dataset));
        }, iter: 200);
    }

    [Fact]
    public void MutatedOrTruncatedPdFramesNeverThrow()
    {
        Gen.Select(GenPdHeader, Gen.Byte.Array[0, 200], Gen.Int[0, 400], Gen.Byte[1, 255], Gen.Int[0, 300])
            .Sample((header, dataset, position, flip, cut) =>
            {
                byte[] frame = new byte[PdFrame.MaxFrameSize];
                int length = PdFrame.Encode(frame, header, dataset);
                byte[] mutated = frame.AsSpan(0, length).ToArray();
                mutated[position % length] ^= flip;
                AssertDefined(PdFrame.TryDecode(mutated, out _));
                AssertDefined(PdFrame.TryDecode(mutated.AsSpan(0, Math.Min(cut, length)), out _));
                AssertDefined(MdFrame.TryDecode(mutated, out _)); // a PD frame on an MD socket
                if (position % length < PdFrame.FcsOffset + 4)
                {
                    Assert.NotEqual(FrameCheck.Ok, PdFrame.TryDecode(mutated, out _)); // any header change is caught
                }
            }, iter: 500);
    }

    [Fact]
    public void MutatedOrTruncatedMdFramesAndRandomBytesNeverThrow()
    {
        Gen.Select(GenMdHeader, Gen.Byte.Array[0, 100], Gen.Int[0, 400], Gen.Byte[1, 255], Gen.Int[0, 300])
            .Sample((header, dataset, position, flip, cut) =>
            {
                byte[] frame = new byte[MdFrame.FrameLength(dataset.Length)];
                MdFrame.Encode(frame, header, dataset);
                frame[position % frame.Length] ^= flip;
                AssertDefined(MdFrame.TryDecode(frame, out _));
                AssertDefined(MdFrame.TryDecode(frame.AsSpan(0, Math.Min(cut, frame.Length)), out _));
                AssertDefined(PdFrame.TryDecode(frame, out _));
            }, iter: 500);

        Gen.Byte.Array[0, 1600].Sample(bytes =>
        {
            AssertDefined(PdFrame.TryDecode(bytes, out _));
            AssertDefined(MdFrame.TryDecode(bytes, out _));
        }, iter: 500);
    }

    [Fact]
    public void OversizedFramesAreTooLong()
    {
        Assert.Equal(FrameCheck.TooLong, PdFrame.TryDecode(new byte[PdFrame.MaxFrameSize + 1], out _));
        Assert.Equal(FrameCheck.TooLong, MdFrame.TryDecode(new byte[MdFrame.MaxFrameSize + 1], out _));
        Assert.Equal(FrameCheck.TooShort, MdFrame.TryDecode(new byte[MdFrame.HeaderSize - 1], out _));
    }

    [Fact]
    public void WrongClassMessageTypesAreRejected()
    {
        byte[] frame = new byte[MdFrame.HeaderSize];
        PdFrame.WriteHeader(frame, new PdHeader { MessageType = TrdpMessageType.Mr });
        Assert.Equal(FrameCheck.WrongMessageType, PdFrame.TryDecode(frame.AsSpan(0, PdFrame.HeaderSize), out _));
        MdFrame.WriteHeader(frame, new MdHeader { MessageType = TrdpMessageType.Pd });
        Assert.Equal(FrameCheck.WrongMessageType, MdFrame.TryDecode(frame, out _));
    }

    [Fact]
    public void FrameCheckNamesAreStableSnakeCaseAndUnique()
    {
        var names = new HashSet<string>();
        foreach (FrameCheck check in FrameCheckNames.All)
        {
            string name = FrameCheckNames.Get(check);
            Assert.Matches("^[a-z]+(_[a-z]+)*$", name);
            Assert.True(names.Add(name));
        }

        Assert.Equal(Enum.GetValues<FrameCheck>().Length, names.Count);
        Assert.Equal("too_short", FrameCheckNames.Get(FrameCheck.TooShort));
        Assert.Equal("bad_fcs", FrameCheckNames.Get(FrameCheck.BadFcs));
    }

    private static void AssertDefined(FrameCheck check) => Assert.True(Enum.IsDefined(check), check.ToString());
}
