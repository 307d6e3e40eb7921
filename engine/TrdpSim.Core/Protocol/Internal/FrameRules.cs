namespace TrdpSim.Protocol.Internal;

/// <summary>The validation order and body layout that PD and MD frames share (trdp-wire.md §2, §7.3, §8.7);
/// <see cref="PdFrame"/> and <see cref="MdFrame"/> only differ in header size, limits and message types.</summary>
internal static class FrameRules
{
    /// <summary>Checks a frame whose header was read already: size limit, FCS, version high byte,
    /// message class, datasetLength limit, and that the datagram holds the whole dataset.</summary>
    public static FrameCheck Check(ReadOnlySpan<byte> frame, int headerSize, int maxFrameSize, uint storedFcs, ushort version,
        bool expectedType, uint datasetLength, int maxDatasetLength)
    {
        if (frame.Length > maxFrameSize)
        {
            return FrameCheck.TooLong;
        }

        if (HeaderFcs.Compute(frame[..(headerSize - HeaderFcs.Size)]) != storedFcs)
        {
            return FrameCheck.BadFcs;
        }

        if ((version & 0xFF00) != (PdFrame.CurrentProtocolVersion & 0xFF00))
        {
            return FrameCheck.BadVersion;
        }

        if (!expectedType)
        {
            return FrameCheck.WrongMessageType;
        }

        if (datasetLength > (uint)maxDatasetLength)
        {
            return FrameCheck.DatasetTooLong;
        }

        return frame.Length - headerSize < (int)datasetLength ? FrameCheck.DatasetTruncated : FrameCheck.Ok;
    }

    /// <summary>Checks that a dataset fits the protocol limit and the destination; returns the frame length.</summary>
    public static int FrameLengthFor(Span<byte> destination, int headerSize, int maxDatasetLength, int datasetLength)
    {
        if (datasetLength > maxDatasetLength)
        {
            ProtocolThrow.DatasetTooLong(datasetLength, maxDatasetLength);
        }

        var total = headerSize + PdFrame.PaddedLength(datasetLength);
        if (destination.Length < total)
        {
            ProtocolThrow.DestinationTooSmall(total, destination.Length);
        }

        return total;
    }

    /// <summary>Writes the dataset after the header and zero-fills the padding up to <paramref name="total"/>.</summary>
    public static void WriteBody(Span<byte> destination, int headerSize, ReadOnlySpan<byte> dataset, int total)
    {
        dataset.CopyTo(destination[headerSize..]);
        destination[(headerSize + dataset.Length)..total].Clear();
    }
}
