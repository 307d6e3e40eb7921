using TrdpSim.Events;
using TrdpSim.Protocol;
using TrdpSim.Telemetry;

namespace TrdpSim.Devices;

/// <summary>A PD subscription: filters, sequence supervision, timeout and the last received data.</summary>
/// <remarks>
/// Owned by its device's receive loop: every member runs on that thread, including the timeout sweep,
/// so no state is shared with the wheel thread. Counters are read by reporting threads.
/// </remarks>
internal sealed class Subscription
{
    /// <summary>At most one gap event per subscription instance per second; the gaps in between are folded
    /// into the next one (their lost frames and how many there were), so a lossy link cannot flood the bus.</summary>
    public const long GapEventIntervalNanoseconds = 1_000_000_000;

    private readonly SequenceTracker _sequence;
    private EventRateLimit _gapEvents;
    private long _gapLostHeldBack;
    private readonly byte[] _data = new byte[PdFrame.MaxDatasetLength];
    private long _deadline;
    private uint _lastSource;
    private long _lastArrival;

    // Paths of a multi-homed source (receive thread): the group's figures, and per path of this instance the last
    // counter it delivered, whether it delivered any, and whether it is down.
    private PathFigures[]? _paths;
    private uint[] _pathLast = [];
    private bool[] _pathHeard = [];
    private bool[] _pathDown = [];
    private long[] _pathSeen = [];

    // The path that delivered the last accepted telegram when its counter was 0, else -1: the sequence rule accepts 0
    // whatever came before, so it cannot tell another path's copy of that 0 from a new telegram.
    private int _zeroPath = -1;

    // Odd while the receive thread rewrites _data: lets another thread take a consistent copy (CopyData).
    private int _dataVersion;

    public Subscription(string name, uint comId, TelegramCounters counters, TelegramGroup group, SubscriptionFilter filter,
        long timeoutNanoseconds, bool zeroOnTimeout, long expectedCycleNanoseconds)
    {
        Name = name;
        ComId = comId;
        Counters = counters;
        Group = group;
        Filter = filter;
        TimeoutNanoseconds = timeoutNanoseconds;
        ZeroOnTimeout = zeroOnTimeout;
        ExpectedCycleNanoseconds = expectedCycleNanoseconds;
        _sequence = new SequenceTracker(expectedCycleNanoseconds);
        if (group.Paths is { } paths && filter.HasPaths)
        {
            _paths = paths;
            _pathLast = new uint[paths.Length];
            _pathHeard = new bool[paths.Length];
            _pathDown = new bool[paths.Length];
            _pathSeen = new long[paths.Length];
        }
    }

    public string Name { get; }

    public uint ComId { get; }

    public TelegramCounters Counters { get; }

    public TelegramGroup Group { get; }

    public SubscriptionFilter Filter { get; }

    /// <summary>Receive timeout; 0 or negative disables supervision.</summary>
    public long TimeoutNanoseconds { get; }

    public bool ZeroOnTimeout { get; }

    /// <summary>Publisher's cycle for jitter; 0 = record raw inter-arrival times.</summary>
    public long ExpectedCycleNanoseconds { get; }

    /// <summary>Next subscription with the same ComId on the same device (dispatch chain).</summary>
    internal Subscription? NextWithSameComId { get; set; }

    /// <summary>Called when a 'Pp' arrives for a pull this device issued (round-trip measurement).</summary>
    internal PullRequester? Puller { get; set; }

    /// <summary>Where the statistics replies ('Pp' on ComId 31) of a statistics poll are decoded and recorded;
    /// null for every other subscription.</summary>
    internal DutStatisticsSeries? StatisticsSeries { get; set; }

    /// <summary>Length of the last accepted dataset.</summary>
    public int DataLength { get; private set; }

    /// <summary>The last accepted dataset (zeroed after a timeout unless keep-last was asked for).</summary>
    public ReadOnlySpan<byte> Data => _data.AsSpan(0, DataLength);

    /// <summary>Tells timeouts, gaps and jitter samples that trdpsim caused itself (its own stalls, its socket's
    /// drops) from the publisher's; null = everything is the publisher's. Set by the dispatcher at set-up.</summary>
    internal SelfInflictedCheck? SelfCheck { get; set; }

    /// <summary>Where accepted telegrams and timeouts are reported to scenario hooks; null (the usual case)
    /// costs one check per telegram. Set before the run starts.</summary>
    public ISubscriptionTap? Tap { get; set; }

    /// <summary>Where timeouts and sequence gaps are posted (the run's event stream); null (nobody listens) costs
    /// one check per gap or timeout, nothing per telegram. Set before the run starts.</summary>
    public RunEventBus? Events { get; set; }

    /// <summary>Nothing about this subscription needs checking at or before this time (<see cref="CheckTimeout"/>
    /// finds a timeout only after it): its deadline, never while it is timed out (only a telegram can start a new
    /// one), and 0 when a pull requester feeds on it (its requests have their own timeouts).</summary>
    internal long NextCheckNanoseconds =>
        Puller is not null || (_paths is not null && TimeoutNanoseconds > 0) ? 0 // paths are checked at every sweep
            : Counters.TimedOut != 0 || TimeoutNanoseconds <= 0 ? long.MaxValue : _deadline;

    /// <summary>Starts supervision: the first timeout runs from subscribe time, as TCNopen does.</summary>
    public void Start(long nowNanoseconds) => _deadline = TimeoutNanoseconds > 0 ? nowNanoseconds + TimeoutNanoseconds : long.MaxValue;

    /// <summary>Opens a new timeout window from <paramref name="nowNanoseconds"/>: after a pause of the run's
    /// traffic, silence before the resume is not the publisher's fault (receive thread). Nor is it an inter-arrival:
    /// the first telegram after the resume is not measured from the last one before the pause.</summary>
    internal void RestartTimeout(long nowNanoseconds)
    {
        Start(nowNanoseconds);
        _sequence.ForgetArrivals();
    }

    /// <summary>Copies the last accepted dataset into <paramref name="destination"/> (at least
    /// <see cref="PdFrame.MaxDatasetLength"/> bytes) from any thread, never half of one telegram and half of
    /// the next.</summary>
    /// <returns>The dataset length (0 before the first telegram).</returns>
    public int CopyData(Span<byte> destination)
    {
        var spin = default(SpinWait);
        while (true)
        {
            var before = Volatile.Read(ref _dataVersion);
            if ((before & 1) == 0)
            {
                var length = DataLength;
                _data.AsSpan(0, length).CopyTo(destination);
                Interlocked.MemoryBarrier(); // the copy is complete before the version is read again
                if (Volatile.Read(ref _dataVersion) == before)
                {
                    return length;
                }
            }

            spin.SpinOnce();
        }
    }

    /// <summary>Applies topo filter and sequence rule to a telegram that passed the device checks.</summary>
    /// <param name="header">The telegram's header.</param>
    /// <param name="source">Its source address.</param>
    /// <param name="dataset">Its dataset.</param>
    /// <param name="now">When it was received.</param>
    /// <param name="arrival">The subscribing device's interface it arrived on (0 = a; a multi-homed device receives on each).</param>
    public void OnTelegram(in PdHeader header, uint source, ReadOnlySpan<byte> dataset, long now, int arrival = 0)
    {
        if (!Filter.TopoMatches(header.EtbTopoCount, header.OpTrainTopoCount))
        {
            Counters.TopoRejects++;
            return;
        }

        var pullReply = header.MessageType == TrdpMessageType.Pp;
        var path = _paths is null ? -1 : Filter.PathIndex(source, arrival);
        var newOnPath = false;
        if (path >= 0)
        {
            newOnPath = HeardOnPath(path, header.SequenceCounter, now);
            if (Filter.PathOf(source) >= 0)
            {
                source = Filter.Paths![0]; // one source for the sequence rule: the copies on every path are one telegram
            }

            if (header.SequenceCounter == 0 && _zeroPath >= 0 && _zeroPath != path && !pullReply)
            {
                // Another path's copy of the 0 just accepted: redundant (first arrival wins), not a second telegram.
                // The sequence rule would accept it (0 = "sender restarted", trdp-wire.md §7.2) and count it as
                // received again, with an inter-arrival of the path skew.
                _paths![path].Redundant++;
                return;
            }
        }

        var sequence = _sequence.Check(source, header.MessageType, header.SequenceCounter, now);
        switch (sequence.Verdict)
        {
            case SequenceVerdict.Duplicate or SequenceVerdict.OutOfOrder when newOnPath:
                // In order on its own path, but another path delivered this counter first: a redundant copy,
                // neither a duplicate nor out of order (first arrival wins).
                _paths![path].Redundant++;
                return;
            case SequenceVerdict.Duplicate:
                Counters.Duplicates++;
                return;
            case SequenceVerdict.OutOfOrder:
                Counters.OutOfOrder++;
                return;
        }

        Counters.Received++;
        if (path >= 0 && !pullReply)
        {
            _zeroPath = header.SequenceCounter == 0 ? path : -1;
        }

        switch (sequence.Continuity)
        {
            case SequenceContinuity.Continued:
                Counters.Lost += sequence.Lost;
                if (sequence.Lost > 0 && SelfCheck is { } check)
                {
                    Counters.SelfLost += check.ClaimDrops(sequence.Lost);
                }

                if (sequence.Lost > 0 && Events is { } events)
                {
                    ReportGap(events, sequence.Lost, now);
                }

                break;
            case SequenceContinuity.Restarted:
                Counters.Restarts++;
                break;
            case SequenceContinuity.Jumped:
                Counters.SequenceJumps++;
                break;
        }

        if (sequence.PreviousArrival != 0 && !pullReply)
        {
            var interval = now - sequence.PreviousArrival;
            var jitter = ExpectedCycleNanoseconds > 0 ? Math.Abs(interval - ExpectedCycleNanoseconds) : interval;
            if (SelfCheck is { } check)
            {
                check.RecordJitter(Group.Jitter, jitter, sequence.PreviousArrival, now);
            }
            else
            {
                Group.Jitter.Record(jitter);
            }
        }

        if (!pullReply)
        {
            NoteSource(source, header.SequenceCounter, now);
        }

        BeginDataWrite();
        dataset.CopyTo(_data);
        DataLength = dataset.Length;
        EndDataWrite();
        if (TimeoutNanoseconds > 0)
        {
            _deadline = now + TimeoutNanoseconds;
        }

        Counters.TimedOut = 0;
        if (pullReply)
        {
            Puller?.OnReply(now);
            StatisticsSeries?.Record(dataset, now);
        }

        Tap?.OnTelegram(this, header.SequenceCounter, source, dataset, now);
    }

    /// <summary>A subscription that names a redundant pair of sources (<c>source</c> and <c>source2</c>, TCNopen's
    /// uri1/uri2) expects one of them at a time: an accepted telegram from the other one than the previous is a
    /// switchover. Its gap (last telegram of the old source → first of the new) and whether the new source
    /// started at counter 0 are recorded. Sequence rules stay per source, as TCNopen's (trdp-wire.md §7.2).</summary>
    private void NoteSource(uint source, uint sequence, long now)
    {
        if (Filter.Source2 == 0 || Filter.Source == 0)
        {
            return;
        }

        if (_lastSource != 0 && source != _lastSource)
        {
            Counters.Switchovers++;
            if (sequence == 0)
            {
                Counters.SwitchoversFromZero++;
            }

            Group.SwitchoverGap.Record(now - _lastArrival);
        }

        _lastSource = source;
        _lastArrival = now;
    }

    /// <summary>Counts a telegram that came over <paramref name="path"/> (receive thread): received, the counters this
    /// path skipped, last seen, and a path that was down is up again. True when the counter is newer than the last
    /// one this path delivered (a copy in order on its own path).</summary>
    private bool HeardOnPath(int path, uint sequence, long now)
    {
        var figures = _paths![path];
        figures.Received++;
        Volatile.Write(ref figures.LastSeenNanoseconds, now);
        var ahead = (int)(sequence - _pathLast[path]);
        var isNew = !_pathHeard[path] || ahead > 0;
        // The subscription's rule for loss (SequenceTracker): a gap further ahead than the time since this path's last
        // copy permits is a jump of the publisher's counter, not counters this path lost.
        if (_pathHeard[path] && ahead > 1 && ahead - 1L <= _sequence.MaxCredibleGap(now - _pathSeen[path]))
        {
            figures.Lost += ahead - 1;
        }

        _pathSeen[path] = now; // this instance's own: the figures' last-seen is shared by the group's instances

        _pathLast[path] = sequence; // a restart (lower counter) is taken as the path's new start
        _pathHeard[path] = true;
        if (_pathDown[path])
        {
            _pathDown[path] = false;
            Interlocked.Decrement(ref figures.IsDown);
            Events?.Post(new RunEvent(RunEventKind.PathUp, now, Subject: figures.Name, Device: Group.Device, Telegram: Name, Count: figures.Down));
        }

        return isNew;
    }

    /// <summary>Marks each path that delivered before and has been silent for the timeout as down, once per silence.</summary>
    private void CheckPaths(long now)
    {
        var paths = _paths!;
        for (var i = 0; i < paths.Length; i++)
        {
            if (_pathHeard[i] && !_pathDown[i] && now - Volatile.Read(ref paths[i].LastSeenNanoseconds) > TimeoutNanoseconds)
            {
                _pathDown[i] = true;
                paths[i].Down++;
                Interlocked.Increment(ref paths[i].IsDown);
                Events?.Post(new RunEvent(RunEventKind.PathDown, now, Subject: paths[i].Name, Device: Group.Device, Telegram: Name, Count: paths[i].Down));
            }
        }
    }

    /// <summary>Applies the sequence rule to a 'Pr' that matched this subscription (trdp-wire.md §7.2, §7.3: a
    /// 'Pr' needs a subscription, and its counter is tracked per source like any other message type, so a
    /// repeated or older one is ignored, as TCNopen does). False = ignore it, counted in
    /// <see cref="TelegramCounters.PullDuplicates"/>.</summary>
    public bool AcceptPullRequest(in PdHeader header, uint source, long now)
    {
        if (_sequence.Check(source, TrdpMessageType.Pr, header.SequenceCounter, now).Verdict == SequenceVerdict.Accepted)
        {
            return true;
        }

        Counters.PullDuplicates++;
        return false;
    }

    /// <summary>Marks the subscription timed out once per silence, and lets a pull requester fed by this
    /// subscription time out its overdue requests (receive thread, periodic sweep).</summary>
    public void CheckTimeout(long now)
    {
        Puller?.ExpireOverdue(now);
        if (_paths is not null && TimeoutNanoseconds > 0)
        {
            CheckPaths(now);
        }

        if (now <= _deadline || Counters.TimedOut != 0)
        {
            return;
        }

        Counters.Timeouts++;
        Counters.TimedOut = 1;
        var selfInflicted = SelfCheck?.TimeoutInStall(_deadline, now) == true;
        if (selfInflicted)
        {
            Counters.SelfTimeouts++;
        }

        // Acceptance forgets the sources (TCNopen); loss counting keeps their last counters (SequenceTracker).
        _sequence.Reset();
        if (ZeroOnTimeout)
        {
            BeginDataWrite();
            _data.AsSpan(0, DataLength).Clear();
            EndDataWrite();
        }

        Events?.Post(new RunEvent(RunEventKind.Timeout, now, Device: Group.Device, Telegram: Name, Count: Counters.Timeouts,
            Detail: selfInflicted ? RunEventKinds.SelfInflicted : null));
        Tap?.OnTimeout(this, now, selfInflicted);
    }

    /// <summary>Posts a gap, or folds it into the next one while the rate limit holds them back.</summary>
    private void ReportGap(RunEventBus events, long lost, long now)
    {
        if (!_gapEvents.TryPass(now, GapEventIntervalNanoseconds, out var heldBack))
        {
            _gapLostHeldBack += lost;
            return;
        }

        events.Post(new RunEvent(RunEventKind.SequenceGap, now, Device: Group.Device, Telegram: Name, Count: lost + _gapLostHeldBack, Value: heldBack + 1));
        _gapLostHeldBack = 0;
    }

    // A full fence on entry keeps the data writes after the odd version on every CPU; the release on exit
    // keeps them before the even one. One uncontended interlocked add per accepted telegram.
    private void BeginDataWrite() => Interlocked.Increment(ref _dataVersion);

    private void EndDataWrite() => Volatile.Write(ref _dataVersion, _dataVersion + 1);
}
