using TrdpSim.Recording.Captures;

namespace TrdpSim.Recording.Replay;

/// <summary>The TRDP datagrams of a capture file in one pinned buffer, with what was skipped and why.</summary>
/// <remarks>TRDP = UDP with the PD or MD port at either end (a reply goes back to an ephemeral port). MD over TCP
/// is counted, not replayed: a stream needs its connection. A file that flags its packets' directions and has
/// outbound ones (a trdpsim recording of both directions holds every frame twice, as sent and as received) is
/// replayed from its outbound packets; the inbound copies are counted as <c>inbound-copy</c>.</remarks>
public sealed class ReplayCapture
{
    private ReplayCapture(byte[] buffer, List<ReplayFrame> frames, int records, Dictionary<string, long> skipped, CaptureFileFormat format)
    {
        Buffer = buffer;
        Frames = frames;
        Records = records;
        Skipped = skipped;
        Format = format;
    }

    /// <summary>Every frame's bytes (pinned: the transport hands it to the kernel as it is).</summary>
    public byte[] Buffer { get; }

    public List<ReplayFrame> Frames { get; }

    /// <summary>Packet records in the file.</summary>
    public int Records { get; }

    /// <summary>Records not replayed, by reason (<c>not-trdp-port</c>, <c>tcp</c>, <c>fragment</c>, …).</summary>
    public IReadOnlyDictionary<string, long> Skipped { get; }

    public CaptureFileFormat Format { get; }

    /// <summary>Reads <paramref name="stream"/>.</summary>
    /// <exception cref="CaptureFormatException">Not a capture, or broken (the message says where).</exception>
    public static ReplayCapture Load(Stream stream, ushort pdPort, ushort mdPort)
    {
        var reader = new CaptureReader(stream);
        var bytes = new MemoryStream();
        var frames = new List<ReplayFrame>();
        var inbound = new List<bool>();
        var outbound = false;
        var skipped = new Dictionary<string, long>(StringComparer.Ordinal);
        while (reader.TryRead(out var frame))
        {
            var why = PacketDecoder.TryDecode(frame.LinkType, frame.Data, out var packet);
            string? reason = why switch
            {
                PacketSkip.None when packet.Protocol == DecodedPacket.Tcp => "tcp",
                PacketSkip.None when !IsTrdp(packet.Source.Port, packet.Destination.Port, pdPort, mdPort) => "not-trdp-port",
                PacketSkip.None => null,
                PacketSkip.LinkType => "link-type",
                PacketSkip.NotIpv4 => "not-ipv4",
                PacketSkip.NotUdpOrTcp => "not-udp",
                PacketSkip.Fragment => "fragment",
                _ => "truncated",
            };
            if (reason is not null)
            {
                skipped[reason] = skipped.GetValueOrDefault(reason) + 1;
                continue;
            }

            frames.Add(new ReplayFrame(frame.Number, frame.UnixNanoseconds, (int)bytes.Length, packet.Payload.Length, packet.Source, packet.Destination,
                packet.Tos, packet.Ttl));
            inbound.Add(frame.Direction == PacketDirection.Inbound);
            outbound |= frame.Direction == PacketDirection.Outbound;
            bytes.Write(packet.Payload);
        }

        if (outbound && inbound.Contains(true))
        {
            var kept = new List<ReplayFrame>(frames.Count);
            for (var i = 0; i < frames.Count; i++)
            {
                if (!inbound[i])
                {
                    kept.Add(frames[i]);
                }
            }

            skipped["inbound-copy"] = frames.Count - kept.Count;
            frames = kept;
        }

        var buffer = GC.AllocateArray<byte>(Math.Max(1, (int)bytes.Length), pinned: true);
        bytes.GetBuffer().AsSpan(0, (int)bytes.Length).CopyTo(buffer);
        return new ReplayCapture(buffer, frames, reader.FrameCount, skipped, reader.Format);
    }

    private static bool IsTrdp(ushort source, ushort destination, ushort pdPort, ushort mdPort) =>
        source == pdPort || source == mdPort || destination == pdPort || destination == mdPort;
}
