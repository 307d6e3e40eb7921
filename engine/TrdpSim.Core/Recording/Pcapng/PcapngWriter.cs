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
/// <para>PERF: blocks are built in the writer's own buffer and reach the stream in writes of up to
/// <see cref="BufferBytes"/> (give it an unbuffered stream); a packet's headers and payload are written straight into
/// that buffer (<see cref="PacketSpace"/>, <see cref="CommitPacket"/>), so a recorded frame is copied once on this side
/// of the kernel, not three times in three stream writes. <see cref="Flush"/> hands what is buffered to the stream.</para>
/// </remarks>
internal sealed class PcapngWriter
{
    public const uint ByteOrderMagic = 0x1A2B3C4D;

    /// <summary>The buffer blocks are built in: 1 MiB, about 7,000 frames of a PD load.</summary>
    public const int BufferBytes = 1 << 20;

    /// <summary>An enhanced packet block before its packet: type, length, interface, timestamp, two lengths.</summary>
    private const int PacketHead = 28;

    /// <summary>After its packet at most: padding (3), epb_flags (8), end of options (4), the length again (4).</summary>
    private const int PacketTailMax = 19;

    private readonly Stream _stream;
    private readonly byte[] _buffer = new byte[BufferBytes];
    private int _buffered;
    private int _interfaces;

    public PcapngWriter(Stream stream) => _stream = stream;

    /// <summary>Bytes written so far (handed to the stream or buffered).</summary>
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
        packet.CopyTo(PacketSpace(packet.Length));
        CommitPacket(interfaceId, unixNanoseconds, packet.Length, direction);
    }

    /// <summary>Room for the next packet, of up to <paramref name="maxLength"/> bytes (at most 65,535 + an Ethernet
    /// header), in the buffer: write it there, then <see cref="CommitPacket"/>. Hands the buffer to the stream first when
    /// the packet's block would not fit.</summary>
    public Span<byte> PacketSpace(int maxLength)
    {
        if (_buffer.Length - _buffered < PacketHead + maxLength + PacketTailMax)
        {
            Flush();
        }

        return _buffer.AsSpan(_buffered + PacketHead, maxLength);
    }

    /// <summary>Frames the packet of <paramref name="length"/> bytes written into the last <see cref="PacketSpace"/> as an
    /// enhanced packet block. <paramref name="direction"/>: 0 unknown, 1 inbound, 2 outbound (epb_flags bits 0–1).</summary>
    public void CommitPacket(int interfaceId, long unixNanoseconds, int length, int direction)
    {
        var padded = (length + 3) & ~3;
        var options = direction == 0 ? 0 : 12; // epb_flags (4 + 4) + end of options (4)
        var total = PacketHead + padded + options + 4;
        var block = _buffer.AsSpan(_buffered, total);
        BinaryPrimitives.WriteUInt32LittleEndian(block, (uint)PcapngBlockType.EnhancedPacket);
        BinaryPrimitives.WriteInt32LittleEndian(block[4..], total);
        BinaryPrimitives.WriteInt32LittleEndian(block[8..], interfaceId);
        BinaryPrimitives.WriteUInt32LittleEndian(block[12..], (uint)((ulong)unixNanoseconds >> 32));
        BinaryPrimitives.WriteUInt32LittleEndian(block[16..], (uint)unixNanoseconds);
        BinaryPrimitives.WriteInt32LittleEndian(block[20..], length);
        BinaryPrimitives.WriteInt32LittleEndian(block[24..], length);
        var tail = block[(PacketHead + length)..];
        tail.Clear();
        var at = padded - length;
        if (direction != 0)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(tail[at..], 2); // epb_flags
            BinaryPrimitives.WriteUInt16LittleEndian(tail[(at + 2)..], 4);
            BinaryPrimitives.WriteUInt32LittleEndian(tail[(at + 4)..], (uint)direction);
            at += 12; // the end-of-options word is already zero
        }

        BinaryPrimitives.WriteInt32LittleEndian(tail[at..], total);
        _buffered += total;
        Length += total;
    }

    /// <summary>Hands the buffered blocks to the stream (before the stream is flushed or closed).</summary>
    public void Flush()
    {
        if (_buffered > 0)
        {
            _stream.Write(_buffer, 0, _buffered);
            _buffered = 0;
        }
    }

    private void Put(byte[] block)
    {
        Flush();
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
