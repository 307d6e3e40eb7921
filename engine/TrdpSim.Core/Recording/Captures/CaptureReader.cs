using System.Buffers.Binary;

namespace TrdpSim.Recording.Captures;

/// <summary>Reads the packet records of a pcap or pcapng file from a stream, one at a time.</summary>
/// <remarks>
/// <para><b>pcap</b>: both byte orders, microsecond and nanosecond magic, any link type (the header's low 16 bits).
/// <b>pcapng</b>: any number of sections, each in its own byte order; interface descriptions with
/// <c>if_tsresol</c> (powers of 10 and of 2) and <c>if_tsoffset</c>; enhanced, simple and (obsolete) packet blocks.
/// Other blocks (name resolution, statistics, custom …) are skipped. A simple packet block has no timestamp: it
/// takes the previous packet's.</para>
/// <para>Bad input never crashes the reader: a broken header or block ends the read with a
/// <see cref="CaptureFormatException"/> that names the byte offset. Records are bounded (16 MiB), so a damaged
/// length cannot make it allocate without end. A file cut off inside its last record is reported, not hidden.</para>
/// <para>Hand-written: the two formats are small, the reader must be trim- and AOT-safe and allocation-free per
/// packet, and the libraries on NuGet either need native libpcap (SharpPcap) or do not read pcapng.</para>
/// </remarks>
internal sealed class CaptureReader
{
    /// <summary>Largest record or block accepted.</summary>
    public const int MaxRecordBytes = 16 << 20;

    private const uint PcapMicros = 0xA1B2C3D4;
    private const uint PcapNanos = 0xA1B23C4D;
    private const uint ByteOrderMagic = 0x1A2B3C4D;

    private readonly Stream _stream;
    private readonly List<InterfaceInfo> _interfaces = [];
    private byte[] _buffer = new byte[4096];
    private long _offset;
    private bool _little;
    private bool _pcapNanos;
    private LinkType _pcapLinkType;
    private long _lastTimestamp;
    private int _number;

    /// <summary>Reads the file header (pcap) or the first section header (pcapng).</summary>
    /// <exception cref="CaptureFormatException">Neither format, or a broken header.</exception>
    public CaptureReader(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        var head = Fill(0, 4, atRecordStart: true, "the file header")
            ? _buffer.AsSpan(0, 4)
            : throw new CaptureFormatException(0, "the file is empty");
        var magicLe = BinaryPrimitives.ReadUInt32LittleEndian(head);
        var magicBe = BinaryPrimitives.ReadUInt32BigEndian(head);
        if (magicLe is PcapMicros or PcapNanos || magicBe is PcapMicros or PcapNanos)
        {
            Format = CaptureFileFormat.Pcap;
            _little = magicLe is PcapMicros or PcapNanos;
            _pcapNanos = (_little ? magicLe : magicBe) == PcapNanos;
            Fill(4, 20, atRecordStart: false, "the pcap file header");
            _pcapLinkType = (LinkType)(U32(_buffer.AsSpan(20)) & 0xFFFF);
            _offset = 24;
        }
        else if (magicLe == (uint)PcapngBlockType.SectionHeader)
        {
            Format = CaptureFileFormat.Pcapng;
            ReadSectionHeader(alreadyRead: 4);
        }
        else
        {
            throw new CaptureFormatException(0, $"not a pcap or pcapng file (starts with 0x{magicBe:X8})");
        }
    }

    public CaptureFileFormat Format { get; }

    /// <summary>Packet records read so far.</summary>
    public int FrameCount => _number;

    /// <summary>Reads the next packet record.</summary>
    /// <returns>False at the end of the file.</returns>
    /// <exception cref="CaptureFormatException">A broken record or block (the message names where).</exception>
    public bool TryRead(out CapturedFrame frame) =>
        Format == CaptureFileFormat.Pcap ? TryReadPcap(out frame) : TryReadPcapng(out frame);

    private bool TryReadPcap(out CapturedFrame frame)
    {
        frame = default;
        var start = _offset;
        if (!Fill(0, 16, atRecordStart: true, "a record header"))
        {
            return false;
        }

        var seconds = U32(_buffer);
        var fraction = U32(_buffer.AsSpan(4));
        var captured = U32(_buffer.AsSpan(8));
        var original = U32(_buffer.AsSpan(12));
        if (captured > MaxRecordBytes)
        {
            throw new CaptureFormatException(start, $"record {_number + 1} claims {captured} captured bytes (at most {MaxRecordBytes})");
        }

        if (fraction >= (_pcapNanos ? 1_000_000_000u : 1_000_000u))
        {
            throw new CaptureFormatException(start + 4, $"record {_number + 1} has a sub-second part of {fraction}, more than a second");
        }

        Fill(0, (int)captured, atRecordStart: false, $"record {_number + 1}");
        _offset = start + 16 + captured;
        _number++;
        var time = (seconds * 1_000_000_000L) + (_pcapNanos ? fraction : fraction * 1000L);
        frame = new CapturedFrame(_number, time, _pcapLinkType, _buffer.AsSpan(0, (int)captured), (int)Math.Min(original, int.MaxValue));
        return true;
    }

    private bool TryReadPcapng(out CapturedFrame frame)
    {
        frame = default;
        while (true)
        {
            var start = _offset;
            if (!Fill(0, 8, atRecordStart: true, "a block header"))
            {
                return false;
            }

            var type = U32(_buffer);
            if (type == (uint)PcapngBlockType.SectionHeader)
            {
                ReadSectionHeader(alreadyRead: 8);
                continue;
            }

            var length = U32(_buffer.AsSpan(4));
            if (length < 12 || length % 4 != 0 || length > MaxRecordBytes)
            {
                throw new CaptureFormatException(start + 4, $"block of type {type} has a length of {length} (a multiple of 4 from 12 to {MaxRecordBytes})");
            }

            Fill(8, (int)length - 8, atRecordStart: false, $"a block of type {type}");
            if (U32(_buffer.AsSpan((int)length - 4)) != length)
            {
                throw new CaptureFormatException(start + length - 4, $"block of type {type} ends with a length other than its first ({length})");
            }

            _offset = start + length;
            var body = _buffer.AsSpan(8, (int)length - 12);
            switch ((PcapngBlockType)type)
            {
                case PcapngBlockType.InterfaceDescription:
                    ReadInterface(body, start);
                    break;
                case PcapngBlockType.EnhancedPacket:
                    return ReadTimedPacket(body, start, enhanced: true, out frame);
                case PcapngBlockType.SimplePacket:
                    return ReadSimplePacket(body, start, out frame);
                case PcapngBlockType.Packet:
                    return ReadTimedPacket(body, start, enhanced: false, out frame);
                default:
                    break; // name resolution, statistics, custom, …: nothing to replay
            }
        }
    }

    private void ReadSectionHeader(int alreadyRead)
    {
        var start = _offset;
        Fill(alreadyRead, 12 - alreadyRead, atRecordStart: false, "a section header");
        var magic = BinaryPrimitives.ReadUInt32LittleEndian(_buffer.AsSpan(8));
        if (magic == ByteOrderMagic)
        {
            _little = true;
        }
        else if (BinaryPrimitives.ReadUInt32BigEndian(_buffer.AsSpan(8)) == ByteOrderMagic)
        {
            _little = false;
        }
        else
        {
            throw new CaptureFormatException(start + 8, $"section header without the byte-order magic 0x1A2B3C4D (found 0x{magic:X8})");
        }

        var length = U32(_buffer.AsSpan(4));
        if (length < 28 || length % 4 != 0 || length > MaxRecordBytes)
        {
            throw new CaptureFormatException(start + 4, $"section header has a length of {length} (a multiple of 4 from 28 to {MaxRecordBytes})");
        }

        Fill(12, (int)length - 12, atRecordStart: false, "a section header");
        if (U32(_buffer.AsSpan((int)length - 4)) != length)
        {
            throw new CaptureFormatException(start + length - 4, "section header ends with a length other than its first");
        }

        var major = U16(_buffer.AsSpan(12));
        if (major != 1)
        {
            throw new CaptureFormatException(start + 12, $"pcapng version {major} (only 1 is defined)");
        }

        _offset = start + length;
        _interfaces.Clear(); // interface ids are per section
    }

    private void ReadInterface(ReadOnlySpan<byte> body, long start)
    {
        if (body.Length < 8)
        {
            throw new CaptureFormatException(start, "interface description shorter than its fixed fields");
        }

        var linkType = (LinkType)U16(body);
        var base10 = true; // microseconds unless if_tsresol says otherwise
        var exponent = 6;
        long offsetSeconds = 0;
        var options = body[8..];
        while (options.Length >= 4)
        {
            var code = U16(options);
            var length = U16(options[2..]);
            if (code == 0)
            {
                break;
            }

            if (4 + length > options.Length)
            {
                throw new CaptureFormatException(start, $"interface option {code} runs past its block");
            }

            var value = options.Slice(4, length);
            if (code == 9 && length >= 1)
            {
                base10 = (value[0] & 0x80) == 0;
                exponent = value[0] & 0x7F;
                if ((base10 && exponent > 18) || (!base10 && exponent > 62))
                {
                    throw new CaptureFormatException(start, $"interface timestamp resolution {(base10 ? "10" : "2")}^-{exponent} is out of range");
                }
            }
            else if (code == 14 && length >= 8)
            {
                offsetSeconds = _little ? BinaryPrimitives.ReadInt64LittleEndian(value) : BinaryPrimitives.ReadInt64BigEndian(value);
            }

            options = options[Math.Min(options.Length, 4 + ((length + 3) & ~3))..];
        }

        _interfaces.Add(new InterfaceInfo(linkType, base10, exponent, offsetSeconds, U32(body[4..])));
    }

    /// <summary>Enhanced (type 6) and obsolete packet blocks (type 2) share their fixed fields: interface id at 0
    /// (32 bits; 16 bits and a drops count in the obsolete block), a 64-bit timestamp in the interface's units
    /// at 4, captured and original length at 12 and 16, the data from 20. Only the enhanced block's options
    /// are read (for the direction).</summary>
    private bool ReadTimedPacket(ReadOnlySpan<byte> body, long start, bool enhanced, out CapturedFrame frame)
    {
        if (body.Length < 20)
        {
            throw new CaptureFormatException(start, enhanced
                ? "enhanced packet block shorter than its fixed fields"
                : "packet block shorter than its fixed fields");
        }

        var iface = Interface(enhanced ? U32(body) : U16(body), start);
        var units = ((ulong)U32(body[4..]) << 32) | U32(body[8..]);
        var captured = U32(body[12..]);
        if (captured > body.Length - 20)
        {
            throw new CaptureFormatException(start + 20, $"packet claims {captured} captured bytes, its block holds {body.Length - 20}");
        }

        _number++;
        _lastTimestamp = iface.ToUnixNanoseconds(units);
        var direction = enhanced ? Direction(body[Math.Min(body.Length, 20 + (int)((captured + 3) & ~3u))..]) : PacketDirection.Unknown;
        frame = new CapturedFrame(_number, _lastTimestamp, iface.LinkType, body.Slice(20, (int)captured), (int)Math.Min(U32(body[16..]), int.MaxValue),
            direction);
        return true;
    }

    /// <summary>The direction bits of <c>epb_flags</c> (option 2) among a packet's options; unknown without.</summary>
    private PacketDirection Direction(ReadOnlySpan<byte> options)
    {
        while (options.Length >= 4)
        {
            var code = U16(options);
            var length = U16(options[2..]);
            if (code == 0 || 4 + length > options.Length)
            {
                break;
            }

            if (code == 2 && length >= 4)
            {
                return (U32(options[4..]) & 3) switch
                {
                    1 => PacketDirection.Inbound,
                    2 => PacketDirection.Outbound,
                    _ => PacketDirection.Unknown,
                };
            }

            options = options[Math.Min(options.Length, 4 + ((length + 3) & ~3))..];
        }

        return PacketDirection.Unknown;
    }

    private bool ReadSimplePacket(ReadOnlySpan<byte> body, long start, out CapturedFrame frame)
    {
        if (body.Length < 4)
        {
            throw new CaptureFormatException(start, "simple packet block shorter than its fixed fields");
        }

        var iface = Interface(0, start);
        var original = U32(body);
        var captured = (int)Math.Min(Math.Min(original, (uint)(body.Length - 4)), iface.SnapLength == 0 ? uint.MaxValue : iface.SnapLength);
        _number++;
        frame = new CapturedFrame(_number, _lastTimestamp, iface.LinkType, body.Slice(4, captured), (int)Math.Min(original, int.MaxValue));
        return true;
    }

    private InterfaceInfo Interface(uint id, long start) =>
        id < (uint)_interfaces.Count
            ? _interfaces[(int)id]
            : throw new CaptureFormatException(start, $"packet of interface {id}, but its section describes {_interfaces.Count}");

    /// <summary>Reads <paramref name="count"/> bytes into the buffer at <paramref name="at"/>.</summary>
    /// <returns>False at a clean end of file (nothing read at a record start).</returns>
    private bool Fill(int at, int count, bool atRecordStart, string what)
    {
        if (_buffer.Length < at + count)
        {
            Array.Resize(ref _buffer, Math.Max(at + count, _buffer.Length * 2));
        }

        var read = 0;
        while (read < count)
        {
            var n = _stream.Read(_buffer, at + read, count - read);
            if (n == 0)
            {
                if (read == 0 && atRecordStart)
                {
                    return false;
                }

                throw new CaptureFormatException(_offset + at + read, $"the file ends inside {what} ({read} of {count} bytes)");
            }

            read += n;
        }

        return true;
    }

    private uint U32(ReadOnlySpan<byte> source) =>
        _little ? BinaryPrimitives.ReadUInt32LittleEndian(source) : BinaryPrimitives.ReadUInt32BigEndian(source);

    private ushort U16(ReadOnlySpan<byte> source) =>
        _little ? BinaryPrimitives.ReadUInt16LittleEndian(source) : BinaryPrimitives.ReadUInt16BigEndian(source);

    /// <summary>An interface of the current section: link type and how its timestamps count.</summary>
    private readonly record struct InterfaceInfo(LinkType LinkType, bool Base10, int Exponent, long OffsetSeconds, uint SnapLength)
    {
        public long ToUnixNanoseconds(ulong units)
        {
            Int128 nanoseconds;
            if (Base10)
            {
                nanoseconds = Exponent <= 9
                    ? (Int128)units * Pow10(9 - Exponent)
                    : (Int128)units / Pow10(Exponent - 9);
            }
            else
            {
                nanoseconds = ((Int128)units * 1_000_000_000) >> Exponent;
            }

            nanoseconds += (Int128)OffsetSeconds * 1_000_000_000;
            return nanoseconds > long.MaxValue ? long.MaxValue : nanoseconds < long.MinValue ? long.MinValue : (long)nanoseconds;
        }

        private static long Pow10(int exponent)
        {
            long value = 1;
            for (var i = 0; i < exponent; i++)
            {
                value *= 10;
            }

            return value;
        }
    }
}
