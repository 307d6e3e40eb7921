namespace TrdpSim.Devices;

/// <summary>What the PD sequence rule decided about one telegram.</summary>
public enum SequenceVerdict
{
    /// <summary>First from its source, higher than the last, or 0 (sender restart).</summary>
    Accepted,

    /// <summary>Same counter as the last accepted one.</summary>
    Duplicate,

    /// <summary>Lower counter than the last accepted one (and not 0).</summary>
    OutOfOrder,
}

/// <summary>PD receive sequence state of one subscription, per source address and message class.</summary>
/// <remarks>
/// Exactly trdp-wire.md §7.2: state per (source IP, 'Pd' vs 'Pp'); accept if first, strictly greater, or
/// 0 ("restart"); no window arithmetic, so after 0xFFFFFFFF only the restart rule lets 0 in; a timeout
/// clears all state. Gaps (accepted counter − last − 1) are reported as lost telegrams, except across a
/// restart. A handful of sources is typical, so a linear array beats a dictionary; it grows only when a
/// new source appears. Receive thread only.
/// </remarks>
public sealed class SequenceTracker
{
    private SourceState[] _sources = new SourceState[2];
    private int _count;

    /// <summary>Applies the rule to a telegram and updates the state.</summary>
    /// <param name="source">Sender IPv4 address.</param>
    /// <param name="pullReply">Whether it is a 'Pp' (tracked separately from 'Pd').</param>
    /// <param name="sequence">The telegram's counter.</param>
    /// <param name="lost">Telegrams missing between the last accepted one and this one.</param>
    /// <param name="previousArrival">Arrival time of the previous accepted telegram from the same source, 0 if none.</param>
    /// <param name="now">Arrival time of this telegram.</param>
    public SequenceVerdict Check(uint source, bool pullReply, uint sequence, long now, out long lost, out long previousArrival)
    {
        lost = 0;
        previousArrival = 0;
        ref var state = ref Find(source, pullReply);
        if (state.Seen)
        {
            if (sequence != 0 && sequence <= state.Last)
            {
                return sequence == state.Last ? SequenceVerdict.Duplicate : SequenceVerdict.OutOfOrder;
            }

            if (sequence != 0)
            {
                lost = (long)sequence - state.Last - 1;
            }

            previousArrival = state.LastArrival;
        }

        state.Seen = true;
        state.Last = sequence;
        state.LastArrival = now;
        return SequenceVerdict.Accepted;
    }

    /// <summary>Forgets every source (subscription timed out).</summary>
    public void Reset()
    {
        for (var i = 0; i < _count; i++)
        {
            _sources[i].Seen = false;
        }
    }

    private ref SourceState Find(uint source, bool pullReply)
    {
        for (var i = 0; i < _count; i++)
        {
            ref var candidate = ref _sources[i];
            if (candidate.Address == source && candidate.PullReply == pullReply)
            {
                return ref candidate;
            }
        }

        return ref Add(source, pullReply);
    }

    private ref SourceState Add(uint source, bool pullReply)
    {
        if (_count == _sources.Length)
        {
            Array.Resize(ref _sources, _sources.Length * 2);
        }

        ref var state = ref _sources[_count++];
        state = new SourceState { Address = source, PullReply = pullReply };
        return ref state;
    }

    private struct SourceState
    {
        public uint Address;
        public bool PullReply;
        public bool Seen;
        public uint Last;
        public long LastArrival;
    }
}
