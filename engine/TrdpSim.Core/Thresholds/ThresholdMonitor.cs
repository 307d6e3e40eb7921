using TrdpSim.Events;
using TrdpSim.Plan;
using TrdpSim.Scheduling;
using TrdpSim.Telemetry;

namespace TrdpSim.Thresholds;

/// <summary>Checks a run's thresholds every second on its own thread, requests an abort when an
/// abort-on-fail threshold fails after its grace period, and produces the final <see cref="ThresholdReport"/>.</summary>
/// <remarks>
/// Never touches the wheel or receive threads: it only reads telemetry (counters without locks,
/// histograms through <see cref="LatencyRecorder.AddCumulativeTo"/>, a reader-side lock). Per check it
/// allocates a little (counter sums, histogram iteration), bounded by the number of thresholds; window
/// rings are sized once. Time comes from an <see cref="ITimeSource"/> so tests drive it by hand with
/// <see cref="EvaluateNow"/> instead of starting the thread.
/// </remarks>
internal sealed class ThresholdMonitor : IDisposable
{
    private readonly ThresholdEvaluator[] _evaluators;
    private readonly RunTelemetry _telemetry;
    private readonly ITimeSource _clock;
    private readonly CancellationTokenSource _abort = new();
    private readonly ManualResetEventSlim _stop = new(false);
    private readonly Lock _gate = new();
    private readonly List<RunFailure> _failures = [];
    private ThresholdResult[]? _results;
    private Thread? _thread;
    private long _startNanoseconds;
    private bool _started;
    private ThresholdReport? _report;

    /// <summary>Binds every threshold of <paramref name="thresholds"/> to <paramref name="telemetry"/>
    /// (built after the run is compiled, so every telemetry group exists).</summary>
    /// <param name="thresholds">The plan's thresholds (parsed and checked when the plan was read).</param>
    /// <param name="telemetry">The compiled run's telemetry.</param>
    /// <param name="clock">Time source; default the system monotonic clock.</param>
    public ThresholdMonitor(IReadOnlyList<ThresholdPlan> thresholds, RunTelemetry telemetry, ITimeSource? clock = null)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        ArgumentNullException.ThrowIfNull(telemetry);
        _clock = clock ?? SystemTimeSource.Instance;
        _telemetry = telemetry;
        _evaluators = new ThresholdEvaluator[thresholds.Count];
        for (int i = 0; i < _evaluators.Length; i++)
        {
            _evaluators[i] = new ThresholdEvaluator(thresholds[i], MetricBinder.Bind(thresholds[i].Metric, telemetry));
        }
    }

    /// <summary>Where verdict changes are posted (breach: a threshold begins to fail; recovery: it holds
    /// again); null = nobody listens.</summary>
    public RunEventBus? Events { get; set; }

    /// <summary>Cancelled when an abort-on-fail threshold fails; link it into the run's stop token.</summary>
    public CancellationToken AbortRequested => _abort.Token;

    /// <summary>Why the run was aborted (<c>threshold … failed at 00:42: …; aborting</c>), or <c>null</c>.</summary>
    public string? AbortReason { get; private set; }

    /// <summary>How many thresholds are checked.</summary>
    public int Count => _evaluators.Length;

    /// <summary>The thresholds whose selector matched no telemetry series: almost always a misspelt
    /// device, telegram or ComId, reported as an error before the run.</summary>
    public IReadOnlyList<PlanError> Unmatched()
    {
        var errors = new List<PlanError>();
        foreach (ThresholdEvaluator evaluator in _evaluators)
        {
            if (evaluator.Series == 0)
            {
                errors.Add(new PlanError(evaluator.Plan.Origin,
                    $"threshold '{evaluator.Plan.MetricText}' matches no {evaluator.Plan.Metric.Name} series of this run (check device, telegram, comId and role)"));
            }
        }

        return errors;
    }

    /// <summary>Whether threshold <paramref name="index"/> holds now (1 for the Prometheus gauge).</summary>
    public bool IsOk(int index) => _evaluators[index].IsOk;

    /// <summary>The one-line text of threshold <paramref name="index"/>.</summary>
    public string Text(int index) => _evaluators[index].Plan.Text;

    /// <summary>Marks the run start (elapsed time 0) and starts the checking thread when there is
    /// anything to check.</summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_started)
            {
                return;
            }

            _started = true;
            _startNanoseconds = _clock.NowNanoseconds();
        }

        if (_evaluators.Length > 0)
        {
            _thread = new Thread(Loop) { IsBackground = true, Name = "trdpsim-thresholds" };
            _thread.Start();
        }
    }

    /// <summary>One check of every threshold at the clock's current time (the thread calls this every second).</summary>
    public void EvaluateNow()
    {
        lock (_gate)
        {
            if (!_started || _report is not null)
            {
                return;
            }

            TimeSpan elapsed = Elapsed();
            foreach (ThresholdEvaluator evaluator in _evaluators)
            {
                bool wasOk = evaluator.IsOk;
                if (evaluator.Evaluate(elapsed) is { } reason && AbortReason is null)
                {
                    AbortReason = reason;
                    // Never Cancel() here: its callbacks would run on this thread, inside the lock, and the code
                    // that ends the run (waiting for this very thread to stop) with them. The thread pool runs them.
                    _ = _abort.CancelAsync();
                }

                if (evaluator.IsOk != wasOk && Events is { } events)
                {
                    events.Post(new RunEvent(wasOk ? RunEventKind.ThresholdBreach : RunEventKind.ThresholdRecovery, _clock.NowNanoseconds(),
                        Subject: evaluator.Plan.Text, Value: evaluator.LastValue,
                        Text: $"{(wasOk ? "fails" : "holds again")} at {elapsed.TotalSeconds:0.#} s"));
                }
            }
        }
    }

    /// <summary>Declares the run failed with <paramref name="reason"/> (the scenario's <c>run.fail()</c>);
    /// any thread may call it. It does not stop the run.</summary>
    public void Fail(string reason, SourceLocation at)
    {
        ArgumentNullException.ThrowIfNull(reason);
        lock (_failures)
        {
            _failures.Add(new RunFailure(reason, _started ? Elapsed() : TimeSpan.Zero, at));
        }
    }

    /// <summary>Stops the thread and makes the final check now — call it when the run stops, so windows and
    /// rates end with the traffic, not with whatever the caller does after it (end hooks, writing files).</summary>
    public void Stop()
    {
        StopThread();
        lock (_gate)
        {
            if (_results is null && _report is null)
            {
                TimeSpan elapsed = _started ? Elapsed() : TimeSpan.Zero;
                _results = new ThresholdResult[_evaluators.Length];
                for (int i = 0; i < _results.Length; i++)
                {
                    _results[i] = _evaluators[i].Finish(elapsed);
                }
            }
        }
    }

    /// <summary>The report: the final check made by <see cref="Stop"/> (made now if it was not called) and
    /// every <see cref="Fail"/> so far; the same report on later calls.</summary>
    public ThresholdReport Finish()
    {
        Stop();
        lock (_gate)
        {
            if (_report is not null)
            {
                return _report;
            }

            RunFailure[] failures;
            lock (_failures)
            {
                failures = [.. _failures];
            }

            _report = new ThresholdReport(_results!, failures, AbortReason);
            return _report;
        }
    }

    public void Dispose()
    {
        StopThread();
        _abort.Dispose();
        _stop.Dispose();
    }

    internal ThresholdEvaluator Evaluator(int index) => _evaluators[index];

    private TimeSpan Elapsed() => TimeConversion.FromNanoseconds(_clock.NowNanoseconds() - _startNanoseconds);

    private void StopThread()
    {
        _stop.Set();
        if (_thread is { } thread && thread != Thread.CurrentThread)
        {
            thread.Join();
        }

        _thread = null;
    }

    private void Loop()
    {
        long second = 1;
        while (true)
        {
            // Sleep until the next whole second of run time; a late wake-up checks once and carries on
            // from the current second (evaluators place missed window slots themselves).
            long dueNanoseconds = _startNanoseconds + (second * 1_000_000_000L);
            long waitMs = Math.Max(0, (dueNanoseconds - _clock.NowNanoseconds() + 999_999) / 1_000_000);
            if (_stop.Wait(TimeSpan.FromMilliseconds(waitMs)))
            {
                return;
            }

            try
            {
                EvaluateNow();
            }
            catch (Exception)
            {
                // A broken check must not end the run silently or kill the process: it is counted as an
                // engine error, which makes the run exit with the runtime-error code.
                Interlocked.Increment(ref _telemetry.EngineErrors);
            }

            second = Math.Max(second + 1, (long)Elapsed().TotalSeconds + 1);
        }
    }
}
