using System.Buffers.Binary;
using TrdpSim.Distributions;
using TrdpSim.Pipeline;
using TrdpSim.Plan;
using TrdpSim.Protocol;

namespace TrdpSim.Faults.Internal;

/// <summary>Breaks the header FCS of struck frames (receivers drop them as <c>bad_fcs</c>).</summary>
internal sealed class CorruptFcsLink(LinkedFault fault, Outlet outlet, RandomStream rng) : FaultLink(fault, outlet, rng)
{
    public override LinkStage Stage => LinkStage.Mutate;

    public override bool NeedsCopy => true;

    public override void Mutate(Span<byte> block, ref int length)
    {
        if (length >= PdFrame.HeaderSize && Strike(Probability))
        {
            var fcs = block.Slice(PdFrame.FcsOffset, HeaderFcs.Size);
            BinaryPrimitives.WriteUInt32LittleEndian(fcs, ~BinaryPrimitives.ReadUInt32LittleEndian(fcs));
        }
    }
}

/// <summary>Flips random payload bits of struck frames. The header FCS stays valid: TRDP has no payload
/// check, so only the application can notice.</summary>
/// <remarks>Bits are drawn independently, so with several bits per frame the same bit may be drawn twice
/// (and flip back), as with real noise. A frame without payload is never struck.</remarks>
internal sealed class BitFlipLink(LinkedFault fault, Outlet outlet, RandomStream rng) : FaultLink(fault, outlet, rng)
{
    private readonly int _bits = fault.Plan.Bits;

    public override LinkStage Stage => LinkStage.Mutate;

    public override bool NeedsCopy => true;

    public override void Mutate(Span<byte> block, ref int length)
    {
        // The dataset length from the frame's own header: the same for a cycle and a pull reply.
        var datasetLength = length < PdFrame.HeaderSize ? 0 : (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(block[20..]), (uint)(length - PdFrame.HeaderSize));
        var payloadBits = (ulong)datasetLength * 8;
        if (payloadBits == 0 || !Strike(Probability))
        {
            return;
        }

        for (var b = 0; b < _bits; b++)
        {
            var bit = Rng.NextUInt64() % payloadBits;
            block[PdFrame.HeaderSize + (int)(bit >> 3)] ^= (byte)(1 << (int)(bit & 7));
        }
    }
}

/// <summary>Sends frames with one broken field while active; the FCS is recomputed (except for a frame cut
/// inside its header), so receivers reject them for exactly that field.</summary>
internal sealed class MalformLink(LinkedFault fault, Outlet outlet, RandomStream rng) : FaultLink(fault, outlet, rng)
{
    /// <summary>Bytes a truncated frame keeps: half a header.</summary>
    public const int TruncatedLength = PdFrame.HeaderSize / 2;

    /// <summary>Version written by the version malformation (major 2: rejected by the high-byte check).</summary>
    public const ushort BadVersion = 0x0200;

    /// <summary>Value written into the reserved field and the padding bytes.</summary>
    public const byte PaddingByte = 0xA5;

    private readonly MalformationKind _kind = fault.Plan.Malformation;

    public override LinkStage Stage => LinkStage.Mutate;

    public override bool NeedsCopy => true;

    public override void Mutate(Span<byte> block, ref int length)
    {
        if (Intensity <= 0 || length < PdFrame.HeaderSize)
        {
            return;
        }

        Fault.Strikes++;
        var header = block[..PdFrame.HeaderSize];
        switch (_kind)
        {
            case MalformationKind.ProtocolVersion:
                BinaryPrimitives.WriteUInt16BigEndian(header[4..], BadVersion);
                break;
            case MalformationKind.MessageType:
                BinaryPrimitives.WriteUInt16BigEndian(header[6..], (ushort)TrdpMessageType.Mn);
                break;
            case MalformationKind.Padding:
                header.Slice(24, 4).Fill(PaddingByte);
                var datasetLength = (int)BinaryPrimitives.ReadUInt32BigEndian(header[20..]);
                block[Math.Min(PdFrame.HeaderSize + datasetLength, length)..length].Fill(PaddingByte);
                break;
            case MalformationKind.Length:
                // datasetLength claims more bytes than follow: 4 beyond the padded data, or, when that
                // would pass the protocol limit, the datagram loses its last 4 bytes instead.
                var following = length - PdFrame.HeaderSize;
                if (following + 4 <= PdFrame.MaxDatasetLength)
                {
                    BinaryPrimitives.WriteUInt32BigEndian(header[20..], (uint)(following + 4));
                }
                else
                {
                    length -= 4;
                }

                break;
            default:
                length = TruncatedLength;
                return;
        }

        HeaderFcs.Write(header);
    }
}
