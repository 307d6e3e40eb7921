using System.Buffers.Binary;
using TrdpSim.Protocol;

namespace TrdpSim.Recording.Replay;

/// <summary>Applies a replay's rewrites to a loaded capture before anything is sent: addresses, ComIds, PD
/// sequence counters, and the header FCS of every frame whose header changed.</summary>
/// <remarks>
/// <para>A frame is PD when its message type starts with 'P' and it holds a 40-byte header, MD when 'M' and 116
/// bytes; anything shorter (a runt) is sent as captured, apart from its addresses.</para>
/// <para>FCS: a frame whose header changed gets a new FCS — also one whose captured FCS was wrong, unless
/// <see cref="ReplayOptions.KeepFcs"/>, which leaves the captured (wrong) FCS. A frame whose header did not change
/// is sent byte for byte as captured.</para>
/// <para>Renumbering: PD frames get sequence counters from 0 per source, destination, ComId and message type
/// (TCNopen counts per publication). MD sequence counters are left alone: they count retries of one request,
/// and a reply must carry its request's.</para>
/// </remarks>
public static class ReplayRewriter
{
    public static ReplayRewrites Apply(ReplayCapture capture, ReplayOptions options)
    {
        ArgumentNullException.ThrowIfNull(capture);
        ArgumentNullException.ThrowIfNull(options);
        var counts = new ReplayRewrites();
        var sequences = new Dictionary<(uint Source, uint Destination, uint ComId, ushort Type), uint>();
        var frames = capture.Frames;
        for (var i = 0; i < frames.Count; i++)
        {
            var frame = frames[i];
            var source = options.Addresses.Map(frame.Source);
            var destination = options.Addresses.Map(frame.Destination);
            if (source != frame.Source || destination != frame.Destination)
            {
                counts.AddressesMapped++;
                frames[i] = frame with { Source = source, Destination = destination };
            }

            var bytes = capture.Buffer.AsSpan(frame.Offset, frame.Length);
            var headerSize = bytes.Length >= PdFrame.HeaderSize && bytes[6] == (byte)'P' ? PdFrame.HeaderSize
                : bytes.Length >= MdFrame.HeaderSize && bytes[6] == (byte)'M' ? MdFrame.HeaderSize
                : 0;
            if (headerSize == 0)
            {
                continue;
            }

            var header = bytes[..headerSize];
            var fcsWasRight = HeaderFcs.Verify(header);
            var changed = false;
            var comId = BinaryPrimitives.ReadUInt32BigEndian(header[8..]);
            var mapped = options.ComIds.Map(comId);
            if (mapped != comId)
            {
                BinaryPrimitives.WriteUInt32BigEndian(header[8..], mapped);
                counts.ComIdsMapped++;
                changed = true;
            }

            var type = BinaryPrimitives.ReadUInt16BigEndian(header[6..]);
            if (headerSize == PdFrame.HeaderSize && type == (ushort)TrdpMessageType.Pr)
            {
                var replyComId = BinaryPrimitives.ReadUInt32BigEndian(header[28..]);
                var mappedReply = options.ComIds.Map(replyComId);
                if (replyComId != 0 && mappedReply != replyComId)
                {
                    BinaryPrimitives.WriteUInt32BigEndian(header[28..], mappedReply);
                    changed = true;
                }
            }

            if (options.Renumber && headerSize == PdFrame.HeaderSize)
            {
                var key = (source.Address, destination.Address, mapped, type);
                var next = sequences.GetValueOrDefault(key);
                sequences[key] = next + 1;
                if (BinaryPrimitives.ReadUInt32BigEndian(header) != next)
                {
                    BinaryPrimitives.WriteUInt32BigEndian(header, next);
                    changed = true;
                }

                counts.Renumbered++;
            }

            if (!changed)
            {
                continue;
            }

            if (!fcsWasRight && options.KeepFcs)
            {
                counts.FcsKeptWrong++;
                continue;
            }

            HeaderFcs.Write(header);
            counts.FcsRecomputed++;
        }

        return counts;
    }
}
