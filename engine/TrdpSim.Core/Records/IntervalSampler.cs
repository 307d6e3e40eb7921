using TrdpSim.Protocol;
using TrdpSim.Telemetry;

namespace TrdpSim.Records;

/// <summary>Turns a run's telemetry into interval rows: counter deltas since the previous interval and percentiles
/// of that interval alone, per group.</summary>
/// <remarks>Reads telemetry the way reports do (counters without locks, histograms through windows of their own,
/// <see cref="LatencyWindow"/>), so the hot paths do not notice it. Its state is sized once from the plan: two
/// counter arrays and one window per distribution, whatever the run's length.</remarks>
internal sealed class IntervalSampler
{
    private readonly RunTelemetry _telemetry;
    private readonly LatencyWindow?[] _latency;
    private readonly LatencyWindow?[] _jitter;
    private readonly LatencyWindow _wheel;
    private readonly long[] _previous;
    private readonly long[] _current;
    private readonly long[] _previousRejects = new long[RejectReasons.Count];
    private long _sequence;

    public IntervalSampler(RunTelemetry telemetry)
    {
        _telemetry = telemetry;
        int groups = telemetry.Groups.Count + telemetry.MdGroups.Count;
        _latency = new LatencyWindow?[groups];
        _jitter = new LatencyWindow?[groups];
        for (int g = 0; g < telemetry.Groups.Count; g++)
        {
            TelegramGroup group = telemetry.Groups[g];
            _latency[g] = group.Role == TelegramRole.Subscribe ? null : group.Lateness.OpenWindow();
            _jitter[g] = group.Role == TelegramRole.Subscribe ? group.Jitter.OpenWindow() : null;
        }

        for (int m = 0; m < telemetry.MdGroups.Count; m++)
        {
            _latency[telemetry.Groups.Count + m] = telemetry.MdGroups[m].Latency.OpenWindow();
        }

        _wheel = telemetry.WheelLateness.OpenWindow();
        _previous = new long[groups * IntervalColumns.Count];
        _current = new long[groups * IntervalColumns.Count];
    }

    public int GroupCount => _latency.Length;

    /// <summary>The groups as the store names them, in index order (PD groups, then MD callers and repliers).</summary>
    public static List<StoredGroup> Describe(RunTelemetry telemetry)
    {
        var groups = new List<StoredGroup>();
        foreach (TelegramGroup group in telemetry.Groups)
        {
            string kind = group.Role switch { TelegramRole.Publish => "publish", TelegramRole.Subscribe => "subscribe", _ => "pull" };
            groups.Add(new StoredGroup(groups.Count, kind, group.Device, group.Name, group.FirstComId, group.InstanceCount));
        }

        foreach (MdGroup group in telemetry.MdGroups)
        {
            groups.Add(new StoredGroup(groups.Count, group.Role == MdRole.Caller ? "md-caller" : "md-replier", group.Device, group.Name, group.ComId, 1));
        }

        return groups;
    }

    /// <summary>Fills <paramref name="batch"/> with the interval ending now (run time <paramref name="endMilliseconds"/>).</summary>
    public void Sample(IntervalBatch batch, long endMilliseconds, DateTime utc)
    {
        batch.Sequence = _sequence++;
        batch.EndMilliseconds = endMilliseconds;
        batch.Utc = utc;
        ReadCounters();
        for (int i = 0; i < _current.Length; i++)
        {
            batch.Counters[i] = _current[i] - _previous[i];
            _previous[i] = _current[i];
        }

        for (int g = 0; g < _latency.Length; g++)
        {
            batch.Latency[g] = _latency[g]?.Take() ?? default;
            batch.Jitter[g] = _jitter[g]?.Take() ?? default;
        }

        batch.Rejects.Clear();
        for (int r = 0; r < RejectReasons.Count; r++)
        {
            long now = _telemetry.Rejects.Get((RejectReason)r);
            if (now != _previousRejects[r])
            {
                batch.Rejects.Add((RejectReasons.Label((RejectReason)r), now - _previousRejects[r]));
                _previousRejects[r] = now;
            }
        }
    }

    /// <summary>The wheel's wake-up lateness over the interval (the engine's own health).</summary>
    public LatencySnapshot TakeWheel() => _wheel.Take();

    private void ReadCounters()
    {
        int n = IntervalColumns.Count;
        for (int g = 0; g < _telemetry.Groups.Count; g++)
        {
            TelegramCounters t = _telemetry.Groups[g].Totals();
            Span<long> row = _current.AsSpan(g * n, n);
            row[IntervalColumns.Sent] = t.Sent;
            row[IntervalColumns.SendFailures] = t.SendFailures;
            row[IntervalColumns.Struck] = t.Struck;
            row[IntervalColumns.DroppedCycles] = t.DroppedCycles;
            row[IntervalColumns.Received] = t.Received;
            row[IntervalColumns.Lost] = t.Lost;
            row[IntervalColumns.Duplicates] = t.Duplicates;
            row[IntervalColumns.OutOfOrder] = t.OutOfOrder;
            row[IntervalColumns.Timeouts] = t.Timeouts;
            row[IntervalColumns.Restarts] = t.Restarts;
            row[IntervalColumns.Jumps] = t.SequenceJumps;
            row[IntervalColumns.TopoRejects] = t.TopoRejects;
            row[IntervalColumns.PullRequests] = t.PullRequests;
            row[IntervalColumns.PullReplies] = t.PullReplies;
            row[IntervalColumns.PullLate] = t.PullLateReplies;
        }

        for (int m = 0; m < _telemetry.MdGroups.Count; m++)
        {
            MdCounters c = _telemetry.MdGroups[m].Counters;
            Span<long> row = _current.AsSpan((_telemetry.Groups.Count + m) * n, n);
            row[IntervalColumns.MdCalls] = Volatile.Read(ref c.Calls);
            row[IntervalColumns.MdOk] = Volatile.Read(ref c.Ok);
            row[IntervalColumns.MdTimeouts] = Volatile.Read(ref c.Timeouts);
            row[IntervalColumns.MdErrors] = Volatile.Read(ref c.ErrorNoReplier) + Volatile.Read(ref c.ErrorNoMemory) + Volatile.Read(ref c.ErrorOther);
            row[IntervalColumns.MdRetries] = Volatile.Read(ref c.Retries);
            row[IntervalColumns.MdPartial] = Volatile.Read(ref c.NotAllReplies);
            row[IntervalColumns.MdRequests] = Volatile.Read(ref c.Requests) + Volatile.Read(ref c.Notifications);
            row[IntervalColumns.MdReplies] = Volatile.Read(ref c.Replies);
            row[IntervalColumns.MdNoReplies] = Volatile.Read(ref c.NoReplies);
            row[IntervalColumns.MdErrorsSent] = Volatile.Read(ref c.ErrorsSent);
            row[IntervalColumns.MdLate] = Volatile.Read(ref c.LateRepliesReceived);
            row[IntervalColumns.SendFailures] = Volatile.Read(ref c.SendFailures);
        }
    }
}
