using System.Buffers.Binary;

namespace TrdpSim.Tests.Recording;

/// <summary>Rewrites a classic little-endian Ethernet pcap (as the shared vectors are) into the other containers,
/// byte orders, timestamp resolutions and link types the capture reader must read, so every vector is read in
/// every form without copying the vectors.</summary>
internal static class CaptureVariants
{
    /// <summary>One packet record of the source file.</summary>
    public sealed record Record(long UnixNanoseconds, byte[] Ethernet);

    public static List<Record> Records(byte[] pcap)
    {
        Assert.Equal(0xA1B2C3D4u, BinaryPrimitives.ReadUInt32LittleEndian(pcap));
        var records = new List<Record>();
        for (var at = 24; at + 16 <= pcap.Length;)
        {
            var seconds = BinaryPrimitives.ReadUInt32LittleEndian(pcap.AsSpan(at));
            var micros = BinaryPrimitives.ReadUInt32LittleEndian(pcap.AsSpan(at + 4));
            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(pcap.AsSpan(at + 8));
            records.Add(new Record((seconds * 1_000_000_000L) + (micros * 1000L), pcap.AsSpan(at + 16, length).ToArray()));
            at += 16 + length;
        }

        return records;
    }

    /// <summary>The Ethernet frame re-framed for <paramref name="linkType"/> (1, 101, 113, 276, 0).</summary>
    public static byte[] Relink(byte[] ethernet, int linkType)
    {
        var etherType = BinaryPrimitives.ReadUInt16BigEndian(ethernet.AsSpan(12));
        var ip = ethernet.AsSpan(14);
        switch (linkType)
        {
            case 1:
                return ethernet;
            case 101:
                return ip.ToArray();
            case 0:
            {
                var frame = new byte[4 + ip.Length];
                BinaryPrimitives.WriteUInt32LittleEndian(frame, etherType == 0x0800 ? 2u : 24u);
                ip.CopyTo(frame.AsSpan(4));
                return frame;
            }

            case 113:
            {
                var frame = new byte[16 + ip.Length];
                BinaryPrimitives.WriteUInt16BigEndian(frame, 0); // sent to us
                BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), 772); // ARPHRD_LOOPBACK
                BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(4), 6);
                BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(14), etherType);
                ip.CopyTo(frame.AsSpan(16));
                return frame;
            }

            case 276:
            {
                var frame = new byte[20 + ip.Length];
                BinaryPrimitives.WriteUInt16BigEndian(frame, etherType);
                BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), 1); // interface index
                BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(8), 772);
                frame[11] = 6;
                ip.CopyTo(frame.AsSpan(20));
                return frame;
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(linkType));
        }
    }

    /// <summary>A classic pcap in the given byte order and resolution.</summary>
    public static byte[] Pcap(IReadOnlyList<Record> records, bool bigEndian, bool nanos, int linkType)
    {
        var output = new MemoryStream();
        var header = new byte[24];
        U32(header, 0, nanos ? 0xA1B23C4Du : 0xA1B2C3D4u, bigEndian);
        U16(header, 4, 2, bigEndian);
        U16(header, 6, 4, bigEndian);
        U32(header, 16, 262144, bigEndian);
        U32(header, 20, (uint)linkType, bigEndian);
        output.Write(header);
        foreach (var record in records)
        {
            var frame = Relink(record.Ethernet, linkType);
            var head = new byte[16];
            U32(head, 0, (uint)(record.UnixNanoseconds / 1_000_000_000), bigEndian);
            var fraction = record.UnixNanoseconds % 1_000_000_000;
            U32(head, 4, (uint)(nanos ? fraction : fraction / 1000), bigEndian);
            U32(head, 8, (uint)frame.Length, bigEndian);
            U32(head, 12, (uint)frame.Length, bigEndian);
            output.Write(head);
            output.Write(frame);
        }

        return output.ToArray();
    }

    /// <summary>A pcapng file: one section per entry of <paramref name="sections"/> (its byte order), the records
    /// spread over them in turn; each section describes its interface with the given resolution byte
    /// (<c>if_tsresol</c>; null = the default microseconds) and link type, and a name-resolution block that the
    /// reader must skip.</summary>
    public static byte[] Pcapng(IReadOnlyList<Record> records, bool[] sections, byte? tsresol, int linkType, bool simplePackets = false)
    {
        var output = new MemoryStream();
        var perSection = (records.Count + sections.Length - 1) / sections.Length;
        for (var s = 0; s < sections.Length; s++)
        {
            var be = sections[s];
            Block(output, 0x0A0D0D0A, be, body =>
            {
                U32(body, 0, 0x1A2B3C4D, be);
                U16(body, 4, 1, be);
                U16(body, 6, 0, be);
                U32(body, 8, 0xFFFFFFFF, be);
                U32(body, 12, 0xFFFFFFFF, be);
                return 16;
            });
            Block(output, 1, be, body =>
            {
                U16(body, 0, (ushort)linkType, be);
                U32(body, 4, 0, be);
                var at = 8;
                if (tsresol is { } resolution)
                {
                    U16(body, at, 9, be);
                    U16(body, at + 2, 1, be);
                    body[at + 4] = resolution;
                    at += 8;
                }

                U32(body, at, 0, be); // end of options
                return at + 4;
            });
            Block(output, 4, be, body =>
            {
                U32(body, 0, 0, be); // name resolution: just its end record
                return 4;
            });
            foreach (var record in records.Skip(s * perSection).Take(perSection))
            {
                var frame = Relink(record.Ethernet, linkType);
                var units = Units(record.UnixNanoseconds, tsresol);
                if (simplePackets)
                {
                    Block(output, 3, be, body =>
                    {
                        U32(body, 0, (uint)frame.Length, be);
                        frame.CopyTo(body, 4);
                        return 4 + ((frame.Length + 3) & ~3);
                    });
                    continue;
                }

                Block(output, 6, be, body =>
                {
                    U32(body, 0, 0, be);
                    U32(body, 4, (uint)(units >> 32), be);
                    U32(body, 8, (uint)units, be);
                    U32(body, 12, (uint)frame.Length, be);
                    U32(body, 16, (uint)frame.Length, be);
                    frame.CopyTo(body, 20);
                    return 20 + ((frame.Length + 3) & ~3);
                });
            }
        }

        return output.ToArray();
    }

    /// <summary>Timestamp units for a resolution byte (bit 7: power of 2).</summary>
    public static ulong Units(long nanoseconds, byte? tsresol) => tsresol switch
    {
        null => (ulong)(nanoseconds / 1000),
        { } r when (r & 0x80) != 0 => (ulong)(((Int128)nanoseconds << (r & 0x7F)) / 1_000_000_000),
        { } r => r <= 9 ? (ulong)(nanoseconds / (long)Math.Pow(10, 9 - r)) : (ulong)(nanoseconds * (long)Math.Pow(10, r - 9)),
    };

    private static void Block(Stream output, uint type, bool be, Func<byte[], int> fill)
    {
        var body = new byte[70000];
        var length = fill(body);
        var total = 12 + length;
        var head = new byte[8];
        U32(head, 0, type, be);
        U32(head, 4, (uint)total, be);
        output.Write(head);
        output.Write(body, 0, length);
        var tail = new byte[4];
        U32(tail, 0, (uint)total, be);
        output.Write(tail);
    }

    private static void U32(byte[] b, int at, uint v, bool be)
    {
        if (be)
        {
            BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(at), v);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(at), v);
        }
    }

    private static void U16(byte[] b, int at, ushort v, bool be)
    {
        if (be)
        {
            BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(at), v);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(at), v);
        }
    }
}
