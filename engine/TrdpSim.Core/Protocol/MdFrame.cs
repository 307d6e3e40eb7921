namespace TrdpSim.Protocol;

/// <summary>
/// Allocation-free codec for MD frames: 116-byte header ‖ dataset ‖ zero padding to a multiple of 4
/// (trdp-wire.md §2, §4, §6); the codec is <see cref="TrdpFrame{THeader}"/> over <see cref="MdHeader"/>. The same
/// bytes are used on UDP and, without a length prefix, on TCP.
/// </summary>
/// <remarks>
/// <para>Receiving accepts sizes 116…65504, msgType ∈ {Mn, Mr, Mp, Mq, Mc, Me} and datasetLength ≤ 65388. Stricter
/// than TCNopen on UDP, which answers an 'Mr' announcing more data than the datagram holds (md-replier-checks
/// frames 8–9); we report <see cref="FrameCheck.DatasetTruncated"/>. Missing padding is accepted. For TCP stream
/// framing use <see cref="TrdpFrame{THeader}.FrameLength"/> of the decoded datasetLength.</para>
/// <para>An MD retransmission is the same request with seq + 1: <see cref="TrdpFrame{THeader}.RewriteSequence"/>.</para>
/// </remarks>
internal abstract class MdFrame : TrdpFrame<MdHeader>
{
    /// <summary>MD header size in bytes.</summary>
    public const int HeaderSize = 116;

    /// <summary>Maximum dataset length (TRDP_MAX_MD_DATA_SIZE).</summary>
    public const int MaxDatasetLength = 65388;
}
