using System.Buffers.Binary;
using System.Text;
using TrdpSim.Recording.Captures;

namespace TrdpSim.Recording.Pcapng;

/// <summary>Writes a pcapng file (<see href="https://www.ietf.org/archive/id/draft-ietf-opsawg-pcapng-03.html">draft-ietf-opsawg-pcapng</see>):
/// a section header, interface descriptions and enhanced packet blocks, in this machine's byte order (little
/// endian on x86-64 and ARM; readers take the order from the section header).</summary>
/// <remarks>
/// <para>Interfaces are Ethernet (link type 1) with nanosecond timestamps (<c>if_tsresol</c> = 9) and no snap
/// length. A packet's direction goes into <c>epb_flags</c> (inbound / outbound), which Wireshark shows.</para>
/// <para>Hand-written, not a library: the three block types are a few dozen lines, the writer must not allocate
/// per packet, and no maintained managed pcapng writer is on NuGet (SharpPcap writes classic pcap through
/// native libpcap). One thread at a time.</para>
/// </remarks>
internal sealed class PcapngWriter
{
    public const uint ByteOrderMagic = 0x1A2B3C4D;

    private readonly Stream _stream;
    private readonly byte[] _scratch = new byte[64];
    private int _interfaces;

    public PcapngWriter(Stream stream) => _stream = stream;

    /// <summary>Bytes written so far.</summary>
    public long Length { get; private set; }

    /// <summary>Interfaces described so far (their ids are 0 … count-1).</summary>
    public int InterfaceCount => _interfaces;

    /// <summary>Starts the section: byte order, version 1.0, unknown length, the writing application.</summary>
    public void WriteSectionHeader(string application)
    {
        var options = OptionsLength(application) + 4; // + end of options
        var total = 28 + options;
        var block = new byte[total];
        var span = block.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)PcapngBlockType.SectionHeader);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], total);
        BinaryPrimitives.WriteUInt32LittleEndian(span[8..], ByteOrderMagic);
        BinaryPrimitives.WriteUInt16LittleEndian(span[12..], 1);
        BinaryPrimitives.WriteUInt16LittleEndian(span[14..], 0);
        BinaryPrimitives.WriteInt64LittleEndian(span[16..], -1);
        var at = WriteStringOption(span, 24, 4, application); // shb_userappl
        at = WriteEndOfOptions(span, at);
        BinaryPrimitives.WriteInt32LittleEndian(span[at..], total);
        Put(block);
    }

    /// <summary>Describes an Ethernet interface with nanosecond timestamps.</summary>
    /// <returns>Its id for <see cref="WritePacket"/>.</returns>
    public int WriteInterface(string name, string description)
    {
        var options = OptionsLength(name) + OptionsLength(description) + 8 + 4; // + if_tsresol (4 + 1, padded), end of options
        var total = 20 + options;
        var block = new byte[total];
        var span = block.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)PcapngBlockType.InterfaceDescription);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], total);
        BinaryPrimitives.WriteUInt16LittleEndian(span[8..], (ushort)LinkType.Ethernet);
        BinaryPrimitives.WriteUInt16LittleEndian(span[10..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(span[12..], 0); // snap length: none
        var at = WriteStringOption(span, 16, 2, name); // if_name
        at = WriteStringOption(span, at, 3, description); // if_description
        BinaryPrimitives.WriteUInt16LittleEndian(span[at..], 9); // if_tsresol
        BinaryPrimitives.WriteUInt16LittleEndian(span[(at + 2)..], 1);
        span[at + 4] = 9; // 10^-9 s
        at = WriteEndOfOptions(span, at + 8);
        BinaryPrimitives.WriteInt32LittleEndian(span[at..], total);
        Put(block);
        return _interfaces++;
    }

    /// <summary>One packet. <paramref name="direction"/>: 0 unknown, 1 inbound, 2 outbound (epb_flags bits 0–1).</summary>
    public void WritePacket(int interfaceId, long unixNanoseconds, ReadOnlySpan<byte> packet, int direction)
    {
        var padded = (packet.Length + 3) & ~3;
        var options = direction == 0 ? 0 : 12; // epb_flags (4 + 4) + end of options (4)
        var total = 32 + padded + options;
        var head = _scratch.AsSpan(0, 28);
        BinaryPrimitives.WriteUInt32LittleEndian(head, (uint)PcapngBlockType.EnhancedPacket);
        BinaryPrimitives.WriteInt32LittleEndian(head[4..], total);
        BinaryPrimitives.WriteInt32LittleEndian(head[8..], interfaceId);
        BinaryPrimitives.WriteUInt32LittleEndian(head[12..], (uint)((ulong)unixNanoseconds >> 32));
        BinaryPrimitives.WriteUInt32LittleEndian(head[16..], (uint)unixNanoseconds);
        BinaryPrimitives.WriteInt32LittleEndian(head[20..], packet.Length);
        BinaryPrimitives.WriteInt32LittleEndian(head[24..], packet.Length);
        _stream.Write(head);
        _stream.Write(packet);
        var tail = _scratch.AsSpan(28, padded - packet.Length + options + 4);
        tail.Clear();
        var at = padded - packet.Length;
        if (direction != 0)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(tail[at..], 2); // epb_flags
            BinaryPrimitives.WriteUInt16LittleEndian(tail[(at + 2)..], 4);
            BinaryPrimitives.WriteUInt32LittleEndian(tail[(at + 4)..], (uint)direction);
            at += 12; // the end-of-options word is already zero
        }

        BinaryPrimitives.WriteInt32LittleEndian(tail[at..], total);
        _stream.Write(tail);
        Length += total;
    }

    private void Put(byte[] block)
    {
        _stream.Write(block);
        Length += block.Length;
    }

    /// <summary>Option bytes for a UTF-8 string: code, length, value padded to 4.</summary>
    private static int OptionsLength(string value) => 4 + ((Encoding.UTF8.GetByteCount(value) + 3) & ~3);

    private static int WriteStringOption(Span<byte> block, int at, ushort code, string value)
    {
        var length = Encoding.UTF8.GetBytes(value, block[(at + 4)..]);
        BinaryPrimitives.WriteUInt16LittleEndian(block[at..], code);
        BinaryPrimitives.WriteUInt16LittleEndian(block[(at + 2)..], (ushort)length);
        return at + 4 + ((length + 3) & ~3);
    }

    private static int WriteEndOfOptions(Span<byte> block, int at)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(block[at..], 0);
        return at + 4;
    }
}
