using TrdpSim.Protocol;

namespace TrdpSim.Devices;

/// <summary>What the PD sequence rule decided about one telegram (acceptance, exactly as TCNopen).</summary>
internal enum SequenceVerdict
{
    /// <summary>First from its source, higher than the last, 0 (sender restart), or the first after a timeout.</summary>
    Accepted,

    /// <summary>Same counter as the last accepted one.</summary>
    Duplicate,

    /// <summary>Lower counter than the last accepted one (and not 0).</summary>
    OutOfOrder,
}

/// <summary>How an accepted telegram's counter follows the last one from the same source (loss counting).</summary>
internal enum SequenceContinuity
{
    /// <summary>Nothing to compare with: the first telegram of this type from this source.</summary>
    First,

    /// <summary>The next counter, or a forward gap the elapsed time permits (wrap 0xFFFFFFFF → 0 included):
    /// the counters in between are lost.</summary>
    Continued,

    /// <summary>The same counter again (accepted only as 0, or after a timeout): neither loss nor restart.</summary>
    Repeated,

    /// <summary>The counter went back (to 0 or lower): the publisher restarted. Not loss.</summary>
    Restarted,

    /// <summary>The counter ran further ahead than the elapsed time permits. Not loss.</summary>
    Jumped,

    /// <summary>A 'Pp' or 'Pr': accepted or not by the same rule, but its gaps are not judged (a publication's
    /// 'Pp' counter is shared by everyone who pulls it; a lost pull shows as a pull timeout instead).</summary>
    NotJudged,
}

/// <summary>The outcome of <see cref="SequenceTracker.Check"/>.</summary>
/// <param name="Verdict">Accepted or dropped (TCNopen's rule).</param>
/// <param name="Continuity">For an accepted telegram: how its counter follows the last one.</param>
/// <param name="Lost">Counters skipped (only with <see cref="SequenceContinuity.Continued"/>).</param>
/// <param name="PreviousArrival">Arrival of the previous accepted telegram of this stream, 0 when there is none,
/// the subscription timed out or the run's traffic was paused in between (no inter-arrival sample across a silence),
/// or the publisher restarted (its new life's first telegram follows nothing of it).</param>
internal readonly record struct SequenceResult(SequenceVerdict Verdict, SequenceContinuity Continuity, long Lost, long PreviousArrival);

/// <summary>PD receive sequence state of one subscription, per source address and message type.</summary>
/// <remarks>
/// <para><b>Acceptance</b> is exactly trdp-wire.md §7.2: state per (source IP, msgType); accept if first,
/// strictly greater, or 0 ("restart"); no window arithmetic; a subscription timeout makes the next telegram
/// acceptable whatever its counter.</para>
/// <para><b>Loss counting</b> ('Pd' and 'Pe' only) keeps the last counter per source across a timeout — TCNopen
/// forgets it for acceptance, but the frames missing in a silence are lost all the same. An accepted counter
/// <c>s</c> after the last one <c>l</c>, with <c>d = s − l</c> modulo 2³²:</para>
/// <list type="bullet">
/// <item><c>d = 0</c>: repeated (a duplicate 0, or the same counter after a timeout) — nothing counted.</item>
/// <item><c>1 ≤ d ≤ 1 + </c><see cref="MaxCredibleGap"/>(time since the last one): continued, <c>d − 1</c>
/// lost. Modulo arithmetic makes 0xFFFFFFFF → 0 a plain continuation, not a loss of 4 billion.</item>
/// <item>otherwise, <c>s &lt; l</c> (including 0): restarted; <c>s &gt; l</c>: jumped. Neither is loss.</item>
/// </list>
/// <para>A handful of sources is typical, so a linear array beats a dictionary; it grows only when a new
/// source appears. Receive thread only.</para>
/// </remarks>
internal sealed class SequenceTracker
{
    /// <summary>How many times faster than its cycle a publisher may number telegrams before a gap stops being
    /// believable as loss (covers clock drift and babbling; 16 × is far beyond a healthy stack).</summary>
    public const long RateTolerance = 16;

    /// <summary>Gap always believable as loss, whatever the elapsed time: a receiver that stalled and then
    /// drained a full socket buffer sees the gap between two frames read a moment apart.</summary>
    public const long GapSlack = 1024;

    /// <summary>Cycle assumed when the publisher's is unknown: TCNopen's finest process cycle (500 µs,
    /// high-performance build, trdp-wire.md §7.1).</summary>
    public const long UnknownCycleNanoseconds = 500_000;

    private readonly long _cycle;
    private SourceState[] _sources = new SourceState[2];
    private int _count;

    /// <param name="expectedCycleNanoseconds">The publisher's cycle; 0 or less = unknown.</param>
    public SequenceTracker(long expectedCycleNanoseconds = 0) =>
        _cycle = expectedCycleNanoseconds > 0 ? expectedCycleNanoseconds : UnknownCycleNanoseconds;

    /// <summary>The largest gap counted as loss after <paramref name="elapsedNanoseconds"/> without a telegram:
    /// <see cref="RateTolerance"/> × the cycles that fit in that time, plus <see cref="GapSlack"/>.</summary>
    public long MaxCredibleGap(long elapsedNanoseconds) => (Math.Max(0, elapsedNanoseconds) / _cycle * RateTolerance) + GapSlack;

    /// <summary>Applies the rule to a telegram and updates the state.</summary>
    /// <param name="source">Sender IPv4 address.</param>
    /// <param name="messageType">'Pd', 'Pp', 'Pr' or 'Pe' (each tracked apart, as TCNopen does).</param>
    /// <param name="sequence">The telegram's counter.</param>
    /// <param name="now">Arrival time of this telegram.</param>
    public SequenceResult Check(uint source, TrdpMessageType messageType, uint sequence, long now)
    {
        ref var state = ref Find(source, messageType);
        if (!state.Seen)
        {
            state.Seen = true;
            Accept(ref state, sequence, now);
            return new SequenceResult(SequenceVerdict.Accepted, Judged(messageType) ? SequenceContinuity.First : SequenceContinuity.NotJudged, 0, 0);
        }

        if (!state.TimedOut && sequence != 0 && sequence <= state.Last)
        {
            return new SequenceResult(sequence == state.Last ? SequenceVerdict.Duplicate : SequenceVerdict.OutOfOrder, SequenceContinuity.NotJudged, 0, 0);
        }

        var previousArrival = state.TimedOut || state.NoInterval ? 0 : state.LastArrival;
        var continuity = SequenceContinuity.NotJudged;
        long lost = 0;
        if (Judged(messageType))
        {
            var step = unchecked(sequence - state.Last);
            if (step == 0)
            {
                continuity = SequenceContinuity.Repeated;
            }
            else if (step - 1L <= MaxCredibleGap(now - state.LastArrival))
            {
                continuity = SequenceContinuity.Continued;
                lost = step - 1L;
            }
            else
            {
                continuity = sequence < state.Last ? SequenceContinuity.Restarted : SequenceContinuity.Jumped;
            }

            if (continuity == SequenceContinuity.Restarted)
            {
                // A restarted publisher (counter back to 0, trdp-wire.md §7.2; a redundancy leader taking the lead
                // back restarts at 0, §7.7) follows nothing of its old life: the time since its old last telegram
                // is how long it was off or a follower, not its cycle. Without a timeout in between (another source
                // kept the subscription alive) that was one inter-arrival of the whole silence.
                previousArrival = 0;
            }
        }

        Accept(ref state, sequence, now);
        return new SequenceResult(SequenceVerdict.Accepted, continuity, lost, previousArrival);
    }

    /// <summary>The subscription timed out: the next telegram from every source is accepted whatever its
    /// counter (TCNopen), but the last counters stay known for loss counting.</summary>
    public void Reset()
    {
        for (var i = 0; i < _count; i++)
        {
            _sources[i].TimedOut = true;
        }
    }

    /// <summary>The run's traffic was paused and resumes: the next telegram from every source is measured from
    /// nothing (the pause is no interval of the publisher's), while acceptance and loss counting go on as before.</summary>
    public void ForgetArrivals()
    {
        for (var i = 0; i < _count; i++)
        {
            _sources[i].NoInterval = true;
        }
    }

    private static bool Judged(TrdpMessageType messageType) => messageType is not (TrdpMessageType.Pp or TrdpMessageType.Pr);

    private static void Accept(ref SourceState state, uint sequence, long now)
    {
        state.Last = sequence;
        state.LastArrival = now;
        state.TimedOut = false;
        state.NoInterval = false;
    }

    private ref SourceState Find(uint source, TrdpMessageType messageType)
    {
        for (var i = 0; i < _count; i++)
        {
            ref var candidate = ref _sources[i];
            if (candidate.Address == source && candidate.MessageType == messageType)
            {
                return ref candidate;
            }
        }

        return ref Add(source, messageType);
    }

    private ref SourceState Add(uint source, TrdpMessageType messageType)
    {
        if (_count == _sources.Length)
        {
            Array.Resize(ref _sources, _sources.Length * 2);
        }

        ref var state = ref _sources[_count++];
        state = new SourceState { Address = source, MessageType = messageType };
        return ref state;
    }

    private struct SourceState
    {
        public uint Address;
        public TrdpMessageType MessageType;
        public bool Seen;
        public bool TimedOut;
        public bool NoInterval;
        public uint Last;
        public long LastArrival;
    }
}
