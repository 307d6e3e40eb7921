using System.Buffers.Binary;
using TrdpSim.Protocol.Internal;

namespace TrdpSim.Protocol;

/// <summary>
/// Allocation-free codec for PD frames: 40-byte header ‖ dataset ‖ zero padding to a multiple of 4
/// (trdp-wire.md §2–§3, §6); the codec is <see cref="TrdpFrame{THeader}"/> over <see cref="PdHeader"/>.
/// </summary>
/// <remarks>
/// <para>Sending follows TCNopen: the header is written once per publication with
/// <see cref="TrdpFrame{THeader}.WriteHeader"/> or <see cref="TrdpFrame{THeader}.Encode"/>, and each cycle only
/// <see cref="TrdpFrame{THeader}.RewriteSequence"/> (or <see cref="RewriteTypeAndSequence"/> for 'Pp') touches the
/// counter and the FCS.</para>
/// <para>Receiving accepts sizes 40…1472, msgType ∈ {Pd, Pp, Pr, Pe} and datasetLength ≤ 1432. Deliberately
/// stricter than TCNopen: TCNopen does not compare the datagram length with datasetLength and delivers stale buffer
/// bytes for a short frame (pd-receiver-checks frame 22); we reject it as <see cref="FrameCheck.DatasetTruncated"/>.
/// Like TCNopen, missing padding is accepted (frame 12), 'Pe' is accepted, and reserved/reply fields are not
/// checked.</para>
/// </remarks>
internal abstract class PdFrame : TrdpFrame<PdHeader>
{
    /// <summary>PD header size in bytes.</summary>
    public const int HeaderSize = 40;

    /// <summary>Maximum dataset length (TRDP_MAX_PD_DATA_SIZE).</summary>
    public const int MaxDatasetLength = 1432;

    /// <summary>
    /// Rewrites msgType and sequence counter and the FCS of an encoded frame, e.g. to send a publication
    /// as 'Pp' with its separate pull counter. Returns the new FCS.
    /// </summary>
    public static uint RewriteTypeAndSequence(Span<byte> frame, TrdpMessageType messageType, uint sequenceCounter)
    {
        if (frame.Length < HeaderSize)
        {
            ProtocolThrow.FrameTooShort(frame.Length, HeaderSize);
        }

        BinaryPrimitives.WriteUInt16BigEndian(frame[FrameRules.MessageTypeOffset..], (ushort)messageType);
        return FrameRules.RewriteSequence(frame, HeaderSize, sequenceCounter);
    }
}
