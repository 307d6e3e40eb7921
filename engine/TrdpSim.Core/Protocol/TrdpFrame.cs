using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using TrdpSim.Protocol.Internal;

namespace TrdpSim.Protocol;

/// <summary>
/// The allocation-free codec of a TRDP frame: header ‖ dataset ‖ zero padding to a multiple of 4
/// (trdp-wire.md §2, §6). <see cref="PdFrame"/> and <see cref="MdFrame"/> are this codec over their header type,
/// which brings its size, limits, message types and field layout (<see cref="IFrameHeader{THeader}"/>).
/// </summary>
internal abstract class TrdpFrame<THeader>
    where THeader : struct, IFrameHeader<THeader>
{
    /// <summary>Protocol version written by this codec.</summary>
    public const ushort CurrentProtocolVersion = 0x0100;

    /// <summary>Maximum frame: header + maximum dataset.</summary>
    public static int MaxFrameSize => THeader.Size + THeader.MaxDatasetLength;

    /// <summary>Offset of the FCS field (= number of bytes it covers).</summary>
    public static int FcsOffset => THeader.Size - HeaderFcs.Size;

    /// <summary>Rounds <paramref name="datasetLength"/> up to the next multiple of 4 (the padded wire size).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int PaddedLength(int datasetLength) => (datasetLength + 3) & ~3;

    /// <summary>Total frame length for a dataset of <paramref name="datasetLength"/> bytes (header + padded data).</summary>
    public static int FrameLength(int datasetLength) => THeader.Size + PaddedLength(datasetLength);

    /// <summary>
    /// Validates and decodes a received frame. Checks, in this order: size from the header size to
    /// <see cref="MaxFrameSize"/> (<see cref="FrameCheck.TooShort"/>/<see cref="FrameCheck.TooLong"/>), header FCS,
    /// version high byte 0x01, msgType of this header's class, datasetLength within the limit, and frame length ≥
    /// header size + datasetLength.
    /// </summary>
    /// <remarks><paramref name="header"/> is filled whenever the frame holds a whole header, even when the result is
    /// not <see cref="FrameCheck.Ok"/> (for diagnostics); trust it only on Ok.</remarks>
    public static FrameCheck TryDecode(ReadOnlySpan<byte> frame, out THeader header)
    {
        if (frame.Length < THeader.Size)
        {
            header = default;
            return FrameCheck.TooShort;
        }

        ReadHeader(frame, out header);
        return FrameRules.Check(frame, THeader.Size, MaxFrameSize, header.HeaderFcs, header.ProtocolVersion,
            THeader.IsOwnType(header.MessageType), header.DatasetLength, THeader.MaxDatasetLength);
    }

    /// <summary>Reads the header bytes into <paramref name="header"/> without any validation.</summary>
    public static void ReadHeader(ReadOnlySpan<byte> source, out THeader header) =>
        THeader.Read(source[..THeader.Size], out header);

    /// <summary>
    /// Writes the header exactly as given (including its datasetLength), computes the FCS and stores it
    /// little-endian in the header's last four bytes. Returns the FCS; the header's own FCS field is ignored.
    /// </summary>
    public static uint WriteHeader(Span<byte> destination, in THeader header)
    {
        if (destination.Length < THeader.Size)
        {
            ProtocolThrow.DestinationTooSmall(THeader.Size, destination.Length);
        }

        destination = destination[..THeader.Size];
        THeader.Write(destination, in header);
        return HeaderFcs.Write(destination);
    }

    /// <summary>
    /// Writes a complete frame: header (with datasetLength = <paramref name="dataset"/>.Length, FCS computed), the
    /// dataset and 0–3 zero pad bytes. Returns the frame length (header size + padded length).
    /// </summary>
    /// <exception cref="ArgumentException">Destination too small or dataset longer than the limit (caller bugs).</exception>
    public static int Encode(Span<byte> destination, in THeader header, ReadOnlySpan<byte> dataset)
    {
        int total = FrameRules.FrameLengthFor(destination, THeader.Size, THeader.MaxDatasetLength, dataset.Length);
        var headerBytes = destination[..THeader.Size];
        THeader.Write(headerBytes, in header);
        BinaryPrimitives.WriteUInt32BigEndian(headerBytes[FrameRules.DatasetLengthOffset..], (uint)dataset.Length);
        HeaderFcs.Write(headerBytes);
        FrameRules.WriteBody(destination, THeader.Size, dataset, total);
        return total;
    }

    /// <summary>
    /// Per-send hot path: rewrites only the sequence counter (offset 0) and the FCS of an already encoded frame
    /// (a PD cycle, an MD retransmission). Returns the new FCS.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint RewriteSequence(Span<byte> frame, uint sequenceCounter) =>
        FrameRules.RewriteSequence(frame, THeader.Size, sequenceCounter);
}
