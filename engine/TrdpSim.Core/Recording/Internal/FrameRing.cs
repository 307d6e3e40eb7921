using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TrdpSim.Transport;

namespace TrdpSim.Recording.Internal;

/// <summary>A bounded many-to-one ring of variable-length frame records: any number of send and receive threads
/// copy frames in, one writer thread takes them out. Lock-free, allocation-free; a frame that does not fit is
/// dropped and counted, never waited for.</summary>
/// <remarks>
/// <para>The layout of Agrona's many-to-one ring buffer: a producer reserves space by moving the tail with one
/// compare-and-swap, copies its record in and commits it by writing the record's length last (release). The
/// consumer reads records in order from the head while their length is committed, then zeroes what it read
/// before it moves the head on, so an uncommitted record always reads length 0. A record never wraps: when it
/// does not fit before the end, a padding record fills the rest and the record starts at offset 0.</para>
/// <para>Record: int length (8-aligned total; negative = padding), int payload length, long timestamp, uint
/// source address, uint destination address, ushort source port, ushort destination port, ushort tap point,
/// ushort reserved, then the payload.</para>
/// </remarks>
internal sealed class FrameRing
{
    public const int HeaderSize = 32;

    private readonly byte[] _buffer;
    private readonly int _capacity;
    private readonly long _mask;

    // Producers and the consumer each own a cache line: the tail is contended, the head is read by every producer.
    private PaddedLong _tail;
    private PaddedLong _head;
    private long _dropped;

    /// <param name="capacity">Bytes, a power of two that holds at least one largest frame.</param>
    public FrameRing(int capacity)
    {
        if (capacity < 2 * (HeaderSize + 65536) || (capacity & (capacity - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "The ring must be a power of two of at least 256 KiB.");
        }

        _buffer = GC.AllocateArray<byte>(capacity, pinned: true);
        _capacity = capacity;
        _mask = capacity - 1;
    }

    public int Capacity => _capacity;

    /// <summary>Frames that did not fit.</summary>
    public long Dropped => Volatile.Read(ref _dropped);

    /// <summary>Copies one frame in; false (and counted) when the ring is full. Any thread.</summary>
    public bool TryWrite(ReadOnlySpan<byte> payload, Ip4Endpoint source, Ip4Endpoint destination, long timestamp, ushort point)
    {
        var recordLength = (HeaderSize + payload.Length + 7) & ~7;
        long tail;
        int index;
        int padding;
        do
        {
            var head = Volatile.Read(ref _head.Value);
            tail = Volatile.Read(ref _tail.Value);
            var available = _capacity - (tail - head);
            index = (int)(tail & _mask);
            var toEnd = _capacity - index;
            padding = recordLength > toEnd ? toEnd : 0;
            if (recordLength + padding > available)
            {
                Interlocked.Increment(ref _dropped);
                return false;
            }
        }
        while (Interlocked.CompareExchange(ref _tail.Value, tail + recordLength + padding, tail) != tail);

        if (padding > 0)
        {
            Volatile.Write(ref IntAt(index), -padding);
            index = 0;
        }

        var record = _buffer.AsSpan(index, recordLength);
        MemoryMarshal.Write(record[4..], payload.Length);
        MemoryMarshal.Write(record[8..], timestamp);
        MemoryMarshal.Write(record[16..], source.Address);
        MemoryMarshal.Write(record[20..], destination.Address);
        MemoryMarshal.Write(record[24..], source.Port);
        MemoryMarshal.Write(record[26..], destination.Port);
        MemoryMarshal.Write(record[28..], point);
        payload.CopyTo(record[HeaderSize..]);
        Volatile.Write(ref IntAt(index), recordLength);
        return true;
    }

    /// <summary>Hands every committed record to <paramref name="reader"/> in order, at most
    /// <paramref name="limit"/>; the consumer thread only.</summary>
    /// <returns>Records read.</returns>
    public int Drain<TReader>(ref TReader reader, int limit)
        where TReader : struct, IFrameRecordReader
    {
        var head = _head.Value;
        var read = 0;
        var start = head;
        while (read < limit)
        {
            var index = (int)(head & _mask);
            var length = Volatile.Read(ref IntAt(index));
            if (length == 0)
            {
                break;
            }

            if (length > 0)
            {
                var record = _buffer.AsSpan(index, length);
                var payloadLength = MemoryMarshal.Read<int>(record[4..]);
                reader.Read(
                    new FrameRecord(
                        MemoryMarshal.Read<long>(record[8..]),
                        new Ip4Endpoint(MemoryMarshal.Read<uint>(record[16..]), MemoryMarshal.Read<ushort>(record[24..])),
                        new Ip4Endpoint(MemoryMarshal.Read<uint>(record[20..]), MemoryMarshal.Read<ushort>(record[26..])),
                        MemoryMarshal.Read<ushort>(record[28..])),
                    record.Slice(HeaderSize, payloadLength));
                read++;
            }
            else
            {
                length = -length;
            }

            head += length;
        }

        if (head != start)
        {
            Release(start, head);
        }

        return read;
    }

    /// <summary>Zeroes what was read (so uncommitted space reads length 0), then gives it back to the producers.</summary>
    private void Release(long from, long to)
    {
        var first = (int)(from & _mask);
        var length = (int)(to - from);
        var toEnd = _capacity - first;
        if (length <= toEnd)
        {
            _buffer.AsSpan(first, length).Clear();
        }
        else
        {
            _buffer.AsSpan(first, toEnd).Clear();
            _buffer.AsSpan(0, length - toEnd).Clear();
        }

        Volatile.Write(ref _head.Value, to);
    }

    private ref int IntAt(int index) => ref Unsafe.As<byte, int>(ref _buffer[index]);

    [StructLayout(LayoutKind.Explicit, Size = 128)]
    private struct PaddedLong
    {
        [FieldOffset(64)]
        public long Value;
    }
}

/// <summary>One record's fields (the payload is passed beside it).</summary>
internal readonly record struct FrameRecord(long Timestamp, Ip4Endpoint Source, Ip4Endpoint Destination, ushort Point);

/// <summary>What <see cref="FrameRing.Drain{TReader}"/> hands records to (a struct: no allocation, no virtual call).</summary>
internal interface IFrameRecordReader
{
    void Read(in FrameRecord record, ReadOnlySpan<byte> payload);
}
