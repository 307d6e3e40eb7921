using TrdpSim.Composition;
using TrdpSim.Scheduling;
using TrdpSim.Telemetry;
using TrdpSim.Thresholds;

namespace TrdpSim.Records;

/// <summary>Records a live run into the store as it plays: every interval's rows, and the run's events as they
/// happen — faults beginning and ending, control actions, threshold breaches and recoveries.</summary>
/// <remarks>
/// <para>One thread of its own wakes once a second: it looks for faults that began or stopped acting (each
/// fault keeps the times it did, so their events are exact however short the fault) and thresholds that
/// changed state (right to a second), and at every interval boundary it
/// samples the telemetry (<see cref="IntervalSampler"/>) and hands the batch to the <see cref="RunWriter"/>.
/// Control actions arrive from <see cref="RunControl"/>'s audit hook on the wheel thread and are queued at
/// once. Nothing here blocks a run thread, and nothing grows with the run's length: the state is the plan's
/// groups, thresholds and the faults acting now.</para>
/// <para><see cref="Finish"/> samples the last (partial) interval, so a run that ends normally loses nothing;
/// one killed mid-run loses the interval being measured.</para>
/// </remarks>
internal sealed class RunRecorder : IControlObserver, IDisposable
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromSeconds(1);

    private readonly RunWriter _writer;
    private readonly RunTelemetry _telemetry;
    private readonly ThresholdMonitor? _thresholds;
    private readonly IntervalSampler _sampler;
    private readonly long _startNanoseconds;
    private readonly long _intervalNanoseconds;
    private readonly ManualResetEventSlim _stop = new(false);
    private readonly List<(FaultTelemetry Fault, bool StartWritten)> _faults = [];
    private readonly bool[] _thresholdOk;
    private readonly Lock _sampling = new();
    private int _faultsSeen;
    private long _lastIntervalEnd;
    private Thread? _thread;
    private bool _finished;
    private bool _trafficEnded;

    private RunRecorder(RunWriter writer, RunTelemetry telemetry, ThresholdMonitor? thresholds, long startNanoseconds)
    {
        _writer = writer;
        _telemetry = telemetry;
        _thresholds = thresholds;
        _sampler = new IntervalSampler(telemetry);
        _startNanoseconds = startNanoseconds;
        _intervalNanoseconds = Math.Max(1, writer.Interval.ToNanoseconds());
        _thresholdOk = new bool[thresholds?.Count ?? 0];
        Array.Fill(_thresholdOk, true);
    }

    /// <summary>The record's id.</summary>
    public string Id => _writer.Id;

    public RunWriter Writer => _writer;

    /// <summary>The groups of <paramref name="telemetry"/> as the store names them (for <see cref="RunStart.Groups"/>).</summary>
    public static IReadOnlyList<StoredGroup> Groups(RunTelemetry telemetry) => IntervalSampler.Describe(telemetry);

    /// <summary>Starts recording a run whose first tick was at <paramref name="startNanoseconds"/> (monotonic clock).</summary>
    /// <param name="writer">The run's record (<see cref="RunStore.Begin"/>).</param>
    /// <param name="telemetry">The run's telemetry.</param>
    /// <param name="control">Its control surface: every applied change becomes an event (null: none).</param>
    /// <param name="thresholds">Its thresholds: breaches and recoveries, and their state per interval (null: none).</param>
    /// <param name="startNanoseconds">Run time zero.</param>
    public static RunRecorder Start(RunWriter writer, RunTelemetry telemetry, RunControl? control, ThresholdMonitor? thresholds, long startNanoseconds)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(telemetry);
        var recorder = new RunRecorder(writer, telemetry, thresholds, startNanoseconds);
        control?.AddObserver(recorder);
        recorder._thread = new Thread(recorder.Loop) { IsBackground = true, Name = "trdpsim-recorder" };
        recorder._thread.Start();
        return recorder;
    }

    /// <summary>Adds an event from elsewhere (an ingested event, an anomaly); never blocks.</summary>
    public void Add(string kind, string source, string subject, string detail) =>
        _writer.Add(new StoredEvent(RunMilliseconds(MonotonicClock.NowNanoseconds()), DateTime.UtcNow, kind, source, subject, detail));

    /// <summary>Audit hook of <see cref="RunControl"/> (wheel thread): queued, never waited for.</summary>
    public void OnControlApplied(in ControlEvent applied)
    {
        string detail = ControlText(applied);
        _writer.Add(new StoredEvent(RunMilliseconds(applied.MonotonicNanoseconds), applied.Utc.UtcDateTime, StoredEventKinds.Control,
            applied.Actor.Name, applied.Target, detail));
        if (applied.Action == ControlActionKind.Pause)
        {
            _writer.SetState(RunState.Paused);
        }
        else if (applied.Action == ControlActionKind.Resume)
        {
            _writer.SetState(RunState.Running);
        }
    }

    /// <summary>Samples the last (partial) interval and stops sampling: call it when the traffic stops, so the
    /// last row ends with the traffic rather than with what the caller does next (end hooks, writing files).</summary>
    public void EndTraffic()
    {
        if (_trafficEnded)
        {
            return;
        }

        _trafficEnded = true;
        StopThread();
        long now = MonotonicClock.NowNanoseconds();
        lock (_sampling)
        {
            PollEvents(now);
            if (now - _startNanoseconds - (_lastIntervalEnd * 1_000_000) >= 1_000_000 || _lastIntervalEnd == 0)
            {
                SampleInterval(now);
            }

            foreach ((FaultTelemetry fault, bool started) in _faults)
            {
                if (started)
                {
                    _writer.Add(new StoredEvent(RunMilliseconds(now), DateTime.UtcNow, StoredEventKinds.FaultEnd, "fault", fault.Name, "run ended"));
                }
            }

            _faults.Clear();
        }
    }

    /// <summary>Ends the traffic's record (<see cref="EndTraffic"/>, when not done yet) and closes the record.</summary>
    public void Finish(RunFinish finish)
    {
        ArgumentNullException.ThrowIfNull(finish);
        if (_finished)
        {
            return;
        }

        EndTraffic();
        _finished = true;
        _writer.Finish(finish);
    }

    /// <summary>Stops recording without a verdict (the run could not start); the record is found crashed later.</summary>
    public void Dispose()
    {
        StopThread();
        _stop.Dispose();
        if (!_finished)
        {
            _writer.Dispose();
        }
    }

    private void StopThread()
    {
        if (!_stop.IsSet)
        {
            _stop.Set();
        }

        _thread?.Join();
        _thread = null;
    }

    /// <summary>The UTC time of <paramref name="monotonicNanoseconds"/>, from a pair read together.</summary>
    private static DateTime UtcAt(long monotonicNanoseconds, long nowNanoseconds, DateTime utcNow) =>
        utcNow - TimeConversion.FromNanoseconds(nowNanoseconds - monotonicNanoseconds);

    private long RunMilliseconds(long monotonicNanoseconds) => Math.Max(0, (monotonicNanoseconds - _startNanoseconds) / 1_000_000);

    private void Loop()
    {
        long nextPoll = _startNanoseconds + PollEvery.ToNanoseconds();
        long nextInterval = _startNanoseconds + _intervalNanoseconds;
        while (true)
        {
            long due = Math.Min(nextPoll, nextInterval);
            long waitMs = Math.Max(0, (due - MonotonicClock.NowNanoseconds() + 999_999) / 1_000_000);
            if (_stop.Wait(TimeSpan.FromMilliseconds(waitMs)))
            {
                return;
            }

            long now = MonotonicClock.NowNanoseconds();
            try
            {
                lock (_sampling)
                {
                    PollEvents(now);
                    if (now >= nextInterval)
                    {
                        SampleInterval(now);
                        // A late wake-up makes one longer interval, never a burst of empty ones.
                        nextInterval = Math.Max(nextInterval + _intervalNanoseconds, now + (_intervalNanoseconds / 2));
                    }
                }
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException)
            {
                // Recording must not end the run: counted as an engine error, which the run reports.
                Interlocked.Increment(ref _telemetry.EngineErrors);
            }

            while (nextPoll <= now)
            {
                nextPoll += PollEvery.ToNanoseconds();
            }
        }
    }

    private void SampleInterval(long now)
    {
        var batch = new IntervalBatch(_sampler.GroupCount, _thresholdOk.Length);
        long end = RunMilliseconds(now);
        _sampler.Sample(batch, end, DateTime.UtcNow);
        Array.Copy(_thresholdOk, batch.ThresholdOk, _thresholdOk.Length);
        batch.Process = ProcessFiguresReader.Read(_telemetry, _sampler.TakeWheel(), _writer.Drops);
        _lastIntervalEnd = end;
        _writer.Add(batch);
    }

    private void PollEvents(long now)
    {
        long at = RunMilliseconds(now);
        DateTime utc = DateTime.UtcNow;
        FaultTelemetry[] faults = _telemetry.Faults();
        for (int i = _faultsSeen; i < faults.Length; i++)
        {
            _faults.Add((faults[i], false));
        }

        _faultsSeen = faults.Length;
        for (int i = _faults.Count - 1; i >= 0; i--)
        {
            // The fault's own times, not this poll's: a fault that acted for less than a poll is not missed, and
            // its events fall where the fault began and ended (the impact analysis measures from them).
            (FaultTelemetry fault, bool started) = _faults[i];
            long began = fault.BeganActingNanoseconds;
            if (began == 0)
            {
                // Detached before it ever acted (a repair before its start): nothing to record. Its time is read
                // again after the detach is seen, as a fault begins acting before it can be detached.
                if (!fault.Attached && fault.BeganActingNanoseconds == 0)
                {
                    _faults.RemoveAt(i);
                }

                continue;
            }

            if (!started)
            {
                _writer.Add(new StoredEvent(RunMilliseconds(began), UtcAt(began, now, utc), StoredEventKinds.FaultStart, "fault", fault.Name,
                    $"{fault.KindName} on {fault.TargetText}"));
                _faults[i] = (fault, true);
            }

            long stopped = fault.StoppedActingNanoseconds;
            if (stopped != 0)
            {
                bool attached = fault.Attached;
                _writer.Add(new StoredEvent(RunMilliseconds(stopped), UtcAt(stopped, now, utc), StoredEventKinds.FaultEnd, "fault", fault.Name,
                    attached ? $"{fault.KindName} stopped acting" : $"{fault.KindName} repaired, {Volatile.Read(ref fault.Strikes)} strikes"));
                _faults.RemoveAt(i); // a fault acts once: it cannot act again
            }
        }

        if (_thresholds is { } thresholds)
        {
            for (int t = 0; t < _thresholdOk.Length; t++)
            {
                bool ok = thresholds.IsOk(t);
                if (ok != _thresholdOk[t])
                {
                    _writer.Add(new StoredEvent(at, utc, ok ? StoredEventKinds.ThresholdRecovery : StoredEventKinds.ThresholdBreach, "thresholds", thresholds.Text(t),
                        ok ? "holds again" : "failing"));
                    _thresholdOk[t] = ok;
                }
            }
        }
    }

    private static string ControlText(in ControlEvent applied)
    {
        string action = applied.Action switch
        {
            ControlActionKind.Inject => "inject",
            ControlActionKind.Repair => "repair",
            ControlActionKind.SetCycle => "set cycle",
            ControlActionKind.Silence => "silence",
            ControlActionKind.Unsilence => "unsilence",
            ControlActionKind.SetField => "set field",
            ControlActionKind.LockField => "lock field",
            ControlActionKind.UnlockField => "unlock field",
            ControlActionKind.Pause => "pause",
            ControlActionKind.Resume => "resume",
            ControlActionKind.StopScenario => "stop scenario",
            ControlActionKind.ResetScenario => "reset scenario",
            ControlActionKind.SwitchLeader => "switch leader",
            ControlActionKind.SetParameter => "set parameter",
            ControlActionKind.StartRun => "start run",
            ControlActionKind.StopRun => "stop run",
            ControlActionKind.ResetRun => "reset run",
            _ => ControlEventPoster.ActionName(applied.Action),
        };
        string text = applied.Detail.Length > 0 ? $"{action}: {applied.Detail}" : action;
        return applied.IsUndo ? text + " (undo)" : text;
    }
}
