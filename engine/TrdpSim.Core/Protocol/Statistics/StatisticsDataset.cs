using System.Buffers.Binary;
using System.Text;

namespace TrdpSim.Protocol.Statistics;

/// <summary>Reads and writes the 380-byte statistics dataset that answers a 'Pr' on ComId 31
/// (trdp-wire.md §7.8): big-endian, packed, in TCNopen's <c>TRDP_STATISTICS_T</c> order.</summary>
/// <remarks>Written by hand rather than through the dataset marshaller: the layout is fixed, and the
/// responder fills it on a receive thread without allocating.</remarks>
internal static class StatisticsDataset
{
    /// <summary>The ComId of the statistics pull and its reply.</summary>
    public const uint ComId = 31;

    /// <summary>Dataset length in bytes.</summary>
    public const int Length = 380;

    private const int NameLength = 16;

    /// <summary>Writes <paramref name="statistics"/> into the first <see cref="Length"/> bytes of
    /// <paramref name="destination"/>. Names longer than 16 ASCII bytes are cut; non-ASCII characters become '?'.</summary>
    public static void Write(Span<byte> destination, TrdpStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        var d = destination[..Length];
        d.Clear();
        var w = new Writer(d);
        w.U32(statistics.Version);
        w.U64(statistics.TimeStamp);
        w.U32(statistics.UpTime);
        w.U32(statistics.StatisticTime);
        w.Name(statistics.HostName);
        w.Name(statistics.LeaderName);
        w.U32(statistics.OwnIpAddress);
        w.U32(statistics.LeaderIpAddress);
        w.U32(statistics.ProcessPriority);
        w.U32(statistics.ProcessCycleMicros);
        w.U32(statistics.NumJoin);
        w.U32(statistics.NumRed);

        var m = statistics.Memory;
        w.U32(m.Total);
        w.U32(m.Free);
        w.U32(m.MinFree);
        w.U32(m.NumAllocBlocks);
        w.U32(m.NumAllocErr);
        w.U32(m.NumFreeErr);
        w.U32s(m.BlockSize);
        w.U32s(m.UsedBlockSize);

        var p = statistics.Pd;
        w.U32(p.DefaultQos);
        w.U32(p.DefaultTtl);
        w.U32(p.DefaultTimeoutMicros);
        w.U32(p.NumSubs);
        w.U32(p.NumPub);
        w.U32(p.NumRcv);
        w.U32(p.NumCrcErr);
        w.U32(p.NumProtErr);
        w.U32(p.NumTopoErr);
        w.U32(p.NumNoSubs);
        w.U32(p.NumNoPub);
        w.U32(p.NumTimeout);
        w.U32(p.NumSend);
        w.U32(p.NumMissed);
        WriteMd(ref w, statistics.UdpMd);
        WriteMd(ref w, statistics.TcpMd);
    }

    /// <summary>Reads a statistics dataset; <c>false</c> when <paramref name="source"/> is shorter than
    /// <see cref="Length"/>.</summary>
    public static bool TryRead(ReadOnlySpan<byte> source, TrdpStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        if (source.Length < Length)
        {
            return false;
        }

        var r = new Reader(source[..Length]);
        statistics.Version = r.U32();
        statistics.TimeStamp = r.U64();
        statistics.UpTime = r.U32();
        statistics.StatisticTime = r.U32();
        statistics.HostName = r.Name();
        statistics.LeaderName = r.Name();
        statistics.OwnIpAddress = r.U32();
        statistics.LeaderIpAddress = r.U32();
        statistics.ProcessPriority = r.U32();
        statistics.ProcessCycleMicros = r.U32();
        statistics.NumJoin = r.U32();
        statistics.NumRed = r.U32();

        var m = statistics.Memory;
        m.Total = r.U32();
        m.Free = r.U32();
        m.MinFree = r.U32();
        m.NumAllocBlocks = r.U32();
        m.NumAllocErr = r.U32();
        m.NumFreeErr = r.U32();
        r.U32s(m.BlockSize);
        r.U32s(m.UsedBlockSize);

        var p = statistics.Pd;
        p.DefaultQos = r.U32();
        p.DefaultTtl = r.U32();
        p.DefaultTimeoutMicros = r.U32();
        p.NumSubs = r.U32();
        p.NumPub = r.U32();
        p.NumRcv = r.U32();
        p.NumCrcErr = r.U32();
        p.NumProtErr = r.U32();
        p.NumTopoErr = r.U32();
        p.NumNoSubs = r.U32();
        p.NumNoPub = r.U32();
        p.NumTimeout = r.U32();
        p.NumSend = r.U32();
        p.NumMissed = r.U32();
        ReadMd(ref r, statistics.UdpMd);
        ReadMd(ref r, statistics.TcpMd);
        return true;
    }

    private static void WriteMd(ref Writer w, MdStatistics md)
    {
        w.U32(md.DefaultQos);
        w.U32(md.DefaultTtl);
        w.U32(md.DefaultReplyTimeoutMicros);
        w.U32(md.DefaultConfirmTimeoutMicros);
        w.U32(md.NumList);
        w.U32(md.NumRcv);
        w.U32(md.NumCrcErr);
        w.U32(md.NumProtErr);
        w.U32(md.NumTopoErr);
        w.U32(md.NumNoListener);
        w.U32(md.NumReplyTimeout);
        w.U32(md.NumConfirmTimeout);
        w.U32(md.NumSend);
    }

    private static void ReadMd(ref Reader r, MdStatistics md)
    {
        md.DefaultQos = r.U32();
        md.DefaultTtl = r.U32();
        md.DefaultReplyTimeoutMicros = r.U32();
        md.DefaultConfirmTimeoutMicros = r.U32();
        md.NumList = r.U32();
        md.NumRcv = r.U32();
        md.NumCrcErr = r.U32();
        md.NumProtErr = r.U32();
        md.NumTopoErr = r.U32();
        md.NumNoListener = r.U32();
        md.NumReplyTimeout = r.U32();
        md.NumConfirmTimeout = r.U32();
        md.NumSend = r.U32();
    }

    private ref struct Writer(Span<byte> destination)
    {
        private readonly Span<byte> _destination = destination;
        private int _offset;

        public void U32(uint value)
        {
            BinaryPrimitives.WriteUInt32BigEndian(_destination[_offset..], value);
            _offset += 4;
        }

        public void U64(ulong value)
        {
            BinaryPrimitives.WriteUInt64BigEndian(_destination[_offset..], value);
            _offset += 8;
        }

        public void U32s(uint[] values)
        {
            foreach (var value in values)
            {
                U32(value);
            }
        }

        public void Name(string name)
        {
            var field = _destination.Slice(_offset, NameLength);
            var count = Math.Min(name.Length, NameLength);
            for (var i = 0; i < count; i++)
            {
                var c = name[i];
                field[i] = c is >= ' ' and <= '~' ? (byte)c : (byte)'?';
            }

            _offset += NameLength;
        }
    }

    private ref struct Reader(ReadOnlySpan<byte> source)
    {
        private readonly ReadOnlySpan<byte> _source = source;
        private int _offset;

        public uint U32()
        {
            var value = BinaryPrimitives.ReadUInt32BigEndian(_source[_offset..]);
            _offset += 4;
            return value;
        }

        public ulong U64()
        {
            var value = BinaryPrimitives.ReadUInt64BigEndian(_source[_offset..]);
            _offset += 8;
            return value;
        }

        public void U32s(uint[] values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = U32();
            }
        }

        public string Name()
        {
            var field = _source.Slice(_offset, NameLength);
            _offset += NameLength;
            var end = field.IndexOf((byte)0);
            return Encoding.ASCII.GetString(end < 0 ? field : field[..end]);
        }
    }
}
