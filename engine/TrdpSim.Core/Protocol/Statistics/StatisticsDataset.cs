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
        Pass(ref w, statistics);
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
        Pass(ref r, statistics);
        return true;
    }

    /// <summary>The dataset in wire order, once for both directions: the writer copies each field out, the
    /// reader fills it in.</summary>
    private static void Pass<T>(ref T f, TrdpStatistics statistics)
        where T : IFieldPass, allows ref struct
    {
        f.U32(ref statistics.Version);
        f.U64(ref statistics.TimeStamp);
        f.U32(ref statistics.UpTime);
        f.U32(ref statistics.StatisticTime);
        f.Name(ref statistics.HostName);
        f.Name(ref statistics.LeaderName);
        f.U32(ref statistics.OwnIpAddress);
        f.U32(ref statistics.LeaderIpAddress);
        f.U32(ref statistics.ProcessPriority);
        f.U32(ref statistics.ProcessCycleMicros);
        f.U32(ref statistics.NumJoin);
        f.U32(ref statistics.NumRed);

        var m = statistics.Memory;
        f.U32(ref m.Total);
        f.U32(ref m.Free);
        f.U32(ref m.MinFree);
        f.U32(ref m.NumAllocBlocks);
        f.U32(ref m.NumAllocErr);
        f.U32(ref m.NumFreeErr);
        U32s(ref f, m.BlockSize);
        U32s(ref f, m.UsedBlockSize);

        var p = statistics.Pd;
        f.U32(ref p.DefaultQos);
        f.U32(ref p.DefaultTtl);
        f.U32(ref p.DefaultTimeoutMicros);
        f.U32(ref p.NumSubs);
        f.U32(ref p.NumPub);
        f.U32(ref p.NumRcv);
        f.U32(ref p.NumCrcErr);
        f.U32(ref p.NumProtErr);
        f.U32(ref p.NumTopoErr);
        f.U32(ref p.NumNoSubs);
        f.U32(ref p.NumNoPub);
        f.U32(ref p.NumTimeout);
        f.U32(ref p.NumSend);
        f.U32(ref p.NumMissed);
        PassMd(ref f, statistics.UdpMd);
        PassMd(ref f, statistics.TcpMd);
    }

    private static void PassMd<T>(ref T f, MdStatistics md)
        where T : IFieldPass, allows ref struct
    {
        f.U32(ref md.DefaultQos);
        f.U32(ref md.DefaultTtl);
        f.U32(ref md.DefaultReplyTimeoutMicros);
        f.U32(ref md.DefaultConfirmTimeoutMicros);
        f.U32(ref md.NumList);
        f.U32(ref md.NumRcv);
        f.U32(ref md.NumCrcErr);
        f.U32(ref md.NumProtErr);
        f.U32(ref md.NumTopoErr);
        f.U32(ref md.NumNoListener);
        f.U32(ref md.NumReplyTimeout);
        f.U32(ref md.NumConfirmTimeout);
        f.U32(ref md.NumSend);
    }

    private static void U32s<T>(ref T f, uint[] values)
        where T : IFieldPass, allows ref struct
    {
        foreach (ref var value in values.AsSpan())
        {
            f.U32(ref value);
        }
    }

    /// <summary>One step of <see cref="Pass{T}"/> per field type.</summary>
    private interface IFieldPass
    {
        void U32(ref uint value);

        void U64(ref ulong value);

        void Name(ref string value);
    }

    private ref struct Writer(Span<byte> destination) : IFieldPass
    {
        private readonly Span<byte> _destination = destination;
        private int _offset;

        public void U32(ref uint value)
        {
            BinaryPrimitives.WriteUInt32BigEndian(_destination[_offset..], value);
            _offset += 4;
        }

        public void U64(ref ulong value)
        {
            BinaryPrimitives.WriteUInt64BigEndian(_destination[_offset..], value);
            _offset += 8;
        }

        public void Name(ref string value)
        {
            var field = _destination.Slice(_offset, NameLength);
            var count = Math.Min(value.Length, NameLength);
            for (var i = 0; i < count; i++)
            {
                var c = value[i];
                field[i] = c is >= ' ' and <= '~' ? (byte)c : (byte)'?';
            }

            _offset += NameLength;
        }
    }

    private ref struct Reader(ReadOnlySpan<byte> source) : IFieldPass
    {
        private readonly ReadOnlySpan<byte> _source = source;
        private int _offset;

        public void U32(ref uint value)
        {
            value = BinaryPrimitives.ReadUInt32BigEndian(_source[_offset..]);
            _offset += 4;
        }

        public void U64(ref ulong value)
        {
            value = BinaryPrimitives.ReadUInt64BigEndian(_source[_offset..]);
            _offset += 8;
        }

        public void Name(ref string value)
        {
            var field = _source.Slice(_offset, NameLength);
            _offset += NameLength;
            var end = field.IndexOf((byte)0);
            value = Encoding.ASCII.GetString(end < 0 ? field : field[..end]);
        }
    }
}
