using System.Runtime.InteropServices;

namespace TrdpSim.Scheduling;

/// <summary>
/// A bounded, lock-free multi-producer / single-consumer ring (Vyukov's bounded queue with per-slot sequence
/// numbers). Allocation-free after construction. The one ring of the engine: the wheel's command queue and inbox
/// carry references, the event bus's posting ring carries <c>RunEvent</c> values stored inline in the slots.
/// </summary>
/// <remarks>
/// Producers claim a slot by CAS on the enqueue position, write the item, then publish it by bumping the slot's
/// sequence (release). The single consumer reads the sequence (acquire) before the item, so it never sees a
/// half-written slot; a slot whose producer has claimed but not yet published reads as empty until published.
/// A full ring refuses at once (the caller counts the drop), so enqueueing never blocks.
/// </remarks>
internal sealed class MpscBoundedQueue<T>
{
    private readonly Slot[] _slots;
    private readonly long _mask;
    private PaddedPosition _enqueue;
    private PaddedPosition _dequeue;

    public MpscBoundedQueue(int capacity)
    {
        int size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(2, capacity));
        _slots = new Slot[size];
        for (int i = 0; i < size; i++)
        {
            _slots[i].Sequence = i;
        }

        _mask = size - 1;
    }

    public int Capacity => _slots.Length;

    /// <summary>Approximate number of queued items (racy; for diagnostics).</summary>
    public int CountApproximate =>
        (int)Math.Max(0, Volatile.Read(ref _enqueue.Value) - Volatile.Read(ref _dequeue.Value));

    /// <summary>Any thread. Returns false when the ring is full. A value item is copied into its slot.</summary>
    public bool TryEnqueue(in T item)
    {
        long pos = Volatile.Read(ref _enqueue.Value);
        while (true)
        {
            ref Slot slot = ref _slots[pos & _mask];
            long diff = Volatile.Read(ref slot.Sequence) - pos;
            if (diff == 0)
            {
                long seen = Interlocked.CompareExchange(ref _enqueue.Value, pos + 1, pos);
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
    public bool TryDequeue(out T? item)
    {
        long pos = _dequeue.Value;
        ref Slot slot = ref _slots[pos & _mask];
        if (Volatile.Read(ref slot.Sequence) != pos + 1)
        {
            item = default;
            return false;
        }

        item = slot.Item;
        slot.Item = default; // drop the references the item holds
        Volatile.Write(ref slot.Sequence, pos + _mask + 1);
        Volatile.Write(ref _dequeue.Value, pos + 1);
        return true;
    }

    private struct Slot
    {
        public long Sequence;
        public T? Item;
    }
}

/// <summary>A long alone on its cache line(s): keeps the producers' hot CAS target away from the consumer's
/// position. Outside the generic queue because generic types cannot have explicit layout.</summary>
[StructLayout(LayoutKind.Explicit, Size = 128)]
internal struct PaddedPosition
{
    [FieldOffset(64)]
    public long Value;
}
