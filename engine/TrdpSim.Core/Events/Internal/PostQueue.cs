using System.Runtime.InteropServices;

namespace TrdpSim.Events.Internal;

/// <summary>The bounded, lock-free multi-producer / single-consumer ring every <see cref="RunEvent"/> is posted
/// through (Vyukov's bounded queue with per-slot sequence numbers, the events stored inline).</summary>
/// <remarks>
/// Producers (receive threads, the wheel, the HTTP pool) claim a slot by CAS on the enqueue position, copy the
/// event in, then publish it by bumping the slot's sequence (release); a full ring refuses at once, so posting
/// never blocks and never allocates. The pump is the single consumer. The same design as the wheel's command
/// queue, with value slots instead of references.
/// </remarks>
internal sealed class PostQueue
{
    private readonly Slot[] _slots;
    private readonly long _mask;
    private Position _enqueue;
    private Position _dequeue;

    public PostQueue(int capacity)
    {
        var size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(2, capacity));
        _slots = new Slot[size];
        for (var i = 0; i < size; i++)
        {
            _slots[i].Sequence = i;
        }

        _mask = size - 1;
    }

    public int Capacity => _slots.Length;

    /// <summary>Any thread; false when the ring is full.</summary>
    public bool TryEnqueue(in RunEvent item)
    {
        var pos = Volatile.Read(ref _enqueue.Value);
        while (true)
        {
            ref var slot = ref _slots[pos & _mask];
            var diff = Volatile.Read(ref slot.Sequence) - pos;
            if (diff == 0)
            {
                var seen = Interlocked.CompareExchange(ref _enqueue.Value, pos + 1, pos);
                if (seen == pos)
                {
                    slot.Item = item;
                    Volatile.Write(ref slot.Sequence, pos + 1);
                    return true;
                }

                pos = seen;
            }
            else if (diff < 0)
            {
                return false;
            }
            else
            {
                pos = Volatile.Read(ref _enqueue.Value);
            }
        }
    }

    /// <summary>Consumer thread only.</summary>
    public bool TryDequeue(out RunEvent item)
    {
        var pos = _dequeue.Value;
        ref var slot = ref _slots[pos & _mask];
        if (Volatile.Read(ref slot.Sequence) != pos + 1)
        {
            item = default;
            return false;
        }

        item = slot.Item;
        slot.Item = default; // drop the string references
        Volatile.Write(ref slot.Sequence, pos + _mask + 1);
        Volatile.Write(ref _dequeue.Value, pos + 1);
        return true;
    }

    private struct Slot
    {
        public long Sequence;
        public RunEvent Item;
    }

    /// <summary>A long alone on its cache lines, so producers' CAS and the consumer's position do not share one.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 128)]
    private struct Position
    {
        [FieldOffset(64)]
        public long Value;
    }
}
