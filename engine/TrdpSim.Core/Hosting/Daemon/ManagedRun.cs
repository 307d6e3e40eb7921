using Prometheus;
using TrdpSim.Composition;
using TrdpSim.Events;
using TrdpSim.Plan;
using TrdpSim.Records;
using TrdpSim.Reporting;
using TrdpSim.Scenarios.Runtime;
using TrdpSim.Telemetry;

namespace TrdpSim.Hosting.Daemon;

/// <summary>One run of the daemon: a <see cref="RunHost"/> played until its duration, a stop request or an
/// abort-on-fail threshold, then summarized exactly as <c>trdpsim run</c> summarizes it.</summary>
/// <remarks>
/// Control actions go through the run's <see cref="RunControl"/> (and its <see cref="ScenarioHost"/> for
/// scenarios) on behalf of a client's scope; every applied action reaches <see cref="Audit"/> and every other
/// observer of the run. Changes made over the control plane share one journal per run, so
/// <see cref="ResetAsync"/> can take them all back. Once the run has ended its host is released and its
/// status is the one frozen at the end, with the final summary.
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The stream end's token source is cancelled once, by a one-shot timer; the run is kept as a record after that and holds no resource to release.")]
public sealed class ManagedRun
{
    private readonly Lock _lock = new();
    private readonly TaskCompletionSource _stop = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ControlJournal _journal = new();
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _ended = new();
    private readonly TimeProvider _time;
    private readonly TextWriter _log;
    private readonly IReadOnlyList<ParameterValue> _plannedParameters;
    private RunHost? _host;
    private RunState _state = RunState.Created;
    private RunStopReason? _requested;
    private RunStatus? _final;
    private readonly RunStore? _store;
    private readonly TimeSpan _storeInterval;
    private DaemonRunRecording? _record;

    internal ManagedRun(string id, RunSpec spec, RunPlan plan, IReadOnlyList<string> paths, IReadOnlyList<string> claims, RunHost host, TimeProvider time, TextWriter log,
        RunStore? store = null, TimeSpan storeInterval = default)
    {
        _store = store;
        _storeInterval = storeInterval > TimeSpan.Zero ? storeInterval : TimeSpan.FromSeconds(10);
        Id = id;
        Spec = spec;
        Name = plan.Name;
        Paths = paths;
        Claims = claims;
        Duration = plan.Duration;
        Seed = plan.Seed;
        Plan = plan;
        _plannedParameters = [.. plan.Parameters];
        _host = host;
        _time = time;
        _log = log;
        CreatedUtc = time.GetUtcNow();
        host.RunControl.AddObserver(Audit);
    }

    public string Id { get; }

    /// <summary>The plan the run plays (its devices and telegrams: the console's topology).</summary>
    internal RunPlan Plan { get; }

    public RunSpec Spec { get; }

    public string Name { get; }

    /// <summary>The plan files as read.</summary>
    public IReadOnlyList<string> Paths { get; }

    /// <summary>The endpoints the run's devices bind (<see cref="RunClaims"/>).</summary>
    public IReadOnlyList<string> Claims { get; }

    public TimeSpan? Duration { get; }

    public ulong Seed { get; }

    public DateTimeOffset CreatedUtc { get; }

    public DateTimeOffset? StartedUtc { get; private set; }

    public DateTimeOffset? StoppedUtc { get; private set; }

    /// <summary>The run's id in the run store (<c>GET /api/store/runs/{id}</c>, <c>trdpsim report</c>); null when it is not recorded.</summary>
    public string? StoreId => _record?.Id;

    /// <summary>How the run was asked for, as its manifest records it.</summary>
    internal IReadOnlyList<string> CommandLine => ["serve", "POST /api/runs", .. Spec.Files];

    /// <summary>The scenario parameters the run was planned with.</summary>
    internal IReadOnlyList<ParameterValue> PlannedParameters => _plannedParameters;

    /// <summary>The last control actions applied to the run.</summary>
    public AuditTrail Audit { get; } = new();

    /// <summary>Completes once the run has ended and its summary is made.</summary>
    public Task Finished => _finished.Task;

    /// <summary>How long after the run's end its streams stay open: one batch of theirs (100 ms) and some slack, so
    /// the last events (<c>run.stopped</c>) reach their clients before the streams end.</summary>
    internal static readonly TimeSpan StreamGrace = TimeSpan.FromSeconds(1);

    /// <summary>Cancelled <see cref="StreamGrace"/> after the run has ended: its live streams end then.</summary>
    internal CancellationToken Ended => _ended.Token;

    /// <summary>The run's event bus while it is live (null once it has ended, or when the host has none).</summary>
    internal RunEventBus? Events
    {
        get
        {
            lock (_lock)
            {
                return RunStates.IsFinal(_state) ? null : _host?.Events;
            }
        }
    }

    public RunState State
    {
        get
        {
            lock (_lock)
            {
                return _state == RunState.Running && _host is { RunControl.IsPaused: true } ? RunState.Paused : _state;
            }
        }
    }

    /// <summary>Whether the run is live (created, running or paused).</summary>
    public bool IsLive => !RunStates.IsFinal(State);

    /// <summary>How it ended; null while it is live.</summary>
    public RunOutcome? Outcome
    {
        get
        {
            lock (_lock)
            {
                return _final?.Outcome;
            }
        }
    }

    /// <summary>The run's Prometheus registry while it is live (null once it has ended).</summary>
    public CollectorRegistry? Registry
    {
        get
        {
            lock (_lock)
            {
                return _host?.Exporter.Registry;
            }
        }
    }

    /// <summary>The scope a client of the control plane acts in on this run: its actor, and the run's journal of
    /// control-plane changes (taken back by <see cref="ResetAsync"/>).</summary>
    public ControlScope ScopeFor(string client) => new(ControlActor.Http(client), _journal);

    /// <summary>Runs <paramref name="action"/> with the live run's control surface, or says why the run takes no
    /// commands (it has ended: a <see cref="ControlOutcome.Conflict"/> naming its state).</summary>
    public Task<ControlResult> WithControl(Func<RunControl, ScenarioHost?, Task<ControlResult>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return Live() is { } host ? action(host.RunControl, host.Scenarios) : Task.FromResult(NotLive());
    }

    /// <summary>As <see cref="WithControl"/>, for reads that return a value.</summary>
    public Task<ControlResult<T>> WithControl<T>(Func<RunControl, ScenarioHost?, Task<ControlResult<T>>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return Live() is { } host ? action(host.RunControl, host.Scenarios) : Task.FromResult<ControlResult<T>>(NotLive());
    }

    /// <summary>Pauses the run's traffic; a paused or ended run is a conflict.</summary>
    public Task<ControlResult> PauseAsync(ControlScope scope) => WithControl(async (control, _) => await control.Pause(scope));

    /// <summary>Lets a paused run's traffic go again; a run that is not paused is a conflict.</summary>
    public Task<ControlResult> ResumeAsync(ControlScope scope) => WithControl(async (control, _) => await control.Resume(scope));

    /// <summary>Takes back every change made over the control plane (faults injected, cycles, silence, fields,
    /// locks, parameters, pause), newest first, and resets every scenario: the run as it was planned. Counters
    /// go on.</summary>
    public Task<ControlResult> ResetAsync(ControlScope scope) => WithControl(async (control, scenarios) =>
    {
        ArgumentNullException.ThrowIfNull(scope);
        var undone = await control.Apply(scope, ControlActionKind.ResetRun, "run", string.Empty, context =>
        {
            var taken = scope.Journal?.Count ?? 0;
            var faults = scope.Journal?.Injected.Count ?? 0;
            control.Undo(scope, context.Wheel);
            return ControlResult.Applied("run", $"{taken} control-plane change(s) and {faults} injected fault(s) taken back");
        });
        if (!undone.IsApplied || scenarios is null)
        {
            return undone;
        }

        var reset = await scenarios.Reset(scope);
        return reset.IsApplied ? ControlResult.Applied("run", undone.Message + "; " + reset.Message) : reset;
    });

    /// <summary>Stops the run now and waits until it has ended and its summary is made; a run that has ended,
    /// or is stopping already, is a conflict.</summary>
    public async Task<ControlResult> StopAsync(ControlScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        RunHost host;
        lock (_lock)
        {
            if (_host is null || RunStates.IsFinal(_state))
            {
                return NotLive();
            }

            if (_requested is not null)
            {
                return ControlResult.Conflict($"run {Id} is stopping already", Id);
            }

            _requested = RunStopReason.Stopped;
            host = _host;
        }

        // The request is an audited action like any other, so the event stream marks when the run was stopped.
        await host.RunControl.Apply(scope, ControlActionKind.StopRun, "run", string.Empty, _ => ControlResult.Applied("run", "stop requested"));
        _stop.TrySetResult();
        await Finished.ConfigureAwait(false);
        return ControlResult.Applied(Id, $"run {Id} stopped");
    }

    /// <summary>The run as it is now; once it has ended, as it was at its end.</summary>
    public async Task<RunStatus> StatusAsync()
    {
        RunHost? host;
        lock (_lock)
        {
            if (_final is { } final)
            {
                return final;
            }

            host = _host;
        }

        IReadOnlyList<FaultStatus> faults = [];
        if (host is not null)
        {
            var listed = await host.RunControl.ListFaults().ConfigureAwait(false);
            faults = listed.Value ?? [];
        }

        return Capture(host, faults, null);
    }

    /// <summary>Starts the traffic and the task that ends the run.</summary>
    internal async Task StartAsync()
    {
        var host = _host!;
        await host.StartAsync().ConfigureAwait(false);
        lock (_lock)
        {
            _state = RunState.Running;
            StartedUtc = _time.GetUtcNow();
        }

        // Recorded from here on, so the record's first control event is this start.
        _record = _store is null ? null : DaemonRunRecording.Begin(_store, _storeInterval, this, host, StartedUtc!.Value.UtcDateTime, _log);
        var files = string.Join(" + ", Paths);
        _ = host.RunControl.Apply(ControlScope.Host, ControlActionKind.StartRun, "run", files, _ => ControlResult.Applied("run", "started"));
        _ = Task.Run(() => PlayAsync(host));
    }

    /// <summary>Stops a live run because the daemon is going down (no audit: the daemon is the actor).</summary>
    internal void Abandon()
    {
        lock (_lock)
        {
            _requested ??= RunStopReason.Stopped;
        }

        _stop.TrySetResult();
    }

    private async Task PlayAsync(RunHost host)
    {
        // The run ends at its duration, on a stop request, or when an abort-on-fail threshold fails.
        var timer = Task.Delay(Duration ?? Timeout.InfiniteTimeSpan, _time, host.Thresholds.AbortRequested);
        await Task.WhenAny(timer, _stop.Task).ConfigureAwait(false);
        RunStopReason reason;
        lock (_lock)
        {
            reason = timer.IsCompletedSuccessfully && _requested is null ? RunStopReason.Completed
                : _requested ?? (host.Thresholds.AbortRequested.IsCancellationRequested ? RunStopReason.ThresholdAbort : RunStopReason.Stopped);
        }

        try
        {
            await FinishAsync(host, reason).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Whatever breaks while summarizing, the run must end as failed and its waiters be released.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _log.WriteLine($"run {Id}: the summary failed: {e.Message}");
            _record?.Fail(_time.GetUtcNow().UtcDateTime, "error: " + e.Message);
            lock (_lock)
            {
                _final ??= Capture(null, [], new RunOutcome(RunStopReason.Error, false, [], 0, [e.Message], null, ReadOnlyMemory<byte>.Empty)) with { State = RunState.Failed };
                _state = RunState.Failed;
                _host = null;
            }
        }
        finally
        {
            await host.DisposeAsync().ConfigureAwait(false);
            _finished.TrySetResult();
            _ended.CancelAfter(StreamGrace);
        }
    }

    private async Task FinishAsync(RunHost host, RunStopReason reason)
    {
        var started = StartedUtc ?? CreatedUtc;
        var end = ProcessSample.Take();
        await host.StopAsync().ConfigureAwait(false);
        _record?.EndTraffic();
        var stopped = _time.GetUtcNow();
        var summary = RunSummary.Capture(host.Telemetry, stopped - started).WithProcess(null, 0, end);
        ScenarioOutcome.Finish(host.Scenarios, summary);
        var thresholds = host.Thresholds.Finish();
        summary.Thresholds = thresholds;
        summary.Manifest = new RunManifest
        {
            StartedAt = started.UtcDateTime,
            StoppedAt = stopped.UtcDateTime,
            StopReason = reason,
            DurationRequested = Duration,
            DurationActual = stopped - started,
            Seed = Seed,
            CommandLine = CommandLine,
            Parameters = _plannedParameters,
            Inputs = InputFile.Describe(Paths),
            Host = HostDescription.Current(),
        };
        using var json = new MemoryStream();
        SummaryJson.Write(json, summary);

        var failed = new List<string>();
        foreach (var result in thresholds.Thresholds)
        {
            if (!result.Passed)
            {
                failed.Add($"{result.Text}: {result.Detail}");
            }
        }

        foreach (var failure in thresholds.Failures)
        {
            failed.Add($"run.fail at {failure.Origin}: {failure.Reason}");
        }

        var scenarioErrors = host.Scenarios?.Errors ?? [];
        var errors = summary.EngineErrors > 0 || scenarioErrors.Count > 0;
        var outcome = new RunOutcome(reason, thresholds.Passed, failed, summary.EngineErrors, scenarioErrors, thresholds.AbortReason, json.ToArray());
        var state = RunStates.Final(reason, errors, thresholds.Passed);
        _record?.Finish(state, stopped.UtcDateTime, reason, thresholds, outcome.SummaryJson);
        var final = Capture(host, [], outcome) with { State = state, StoppedUtc = stopped, Elapsed = stopped - started };
        lock (_lock)
        {
            StoppedUtc = stopped;
            _final = final;
            _state = state;
            _host = null; // sockets closed, frames released; the frozen status stays
        }

        _log.WriteLine($"run {Id} ({Name}): {RunStates.Label(state)} — {RunStopReasons.Label(reason)} after {(stopped - started).TotalSeconds:0.0} s" +
            (thresholds.Passed ? string.Empty : $"; {failed.Count} threshold(s) failed"));
    }

    private RunStatus Capture(RunHost? host, IReadOnlyList<FaultStatus> faults, RunOutcome? outcome)
    {
        var telegrams = new List<TelegramStatus>();
        var totals = new TelegramCounters();
        var scenarios = new List<ScenarioStatus>();
        IReadOnlyList<ParameterStatus> parameters = [];
        if (host is not null)
        {
            foreach (var group in host.Telemetry.Groups)
            {
                var sum = group.Totals();
                totals.Accumulate(sum);
                telegrams.Add(new TelegramStatus(group.Device, group.Name, group.Role, group.FirstComId, group.InstanceCount, TelegramCounterSnapshot.From(sum)));
            }

            foreach (var scenario in host.Scenarios?.Scenarios ?? [])
            {
                scenarios.Add(new ScenarioStatus(scenario.Name, scenario.State.ToString().ToLowerInvariant(), scenario.CurrentPhase, scenario.Error));
            }

            parameters = Parameters(host.Scenarios);
        }

        var now = _time.GetUtcNow();
        return new RunStatus(Id, Name, State, Paths, CreatedUtc, StartedUtc, StoppedUtc,
            StartedUtc is { } started ? (StoppedUtc ?? now) - started : TimeSpan.Zero, Duration, Seed,
            TelegramCounterSnapshot.From(totals), telegrams, faults, scenarios, parameters, Audit.Events(), Audit.Total, outcome, StoreId);
    }

    private List<ParameterStatus> Parameters(ScenarioHost? scenarios)
    {
        var list = new List<ParameterStatus>();
        if (scenarios is not null)
        {
            foreach (var parameter in scenarios.Parameters())
            {
                list.Add(new ParameterStatus(parameter.Name, parameter.Type, parameter.Value, parameter.File));
            }
        }

        // Parameters of scenarios that read none at run time still show the value they were planned with.
        foreach (var planned in _plannedParameters)
        {
            if (!list.Exists(p => p.Name == planned.Name && p.File == planned.File))
            {
                list.Add(new ParameterStatus(planned.Name, string.Empty, planned.Value, planned.File));
            }
        }

        return list;
    }

    private RunHost? Live()
    {
        lock (_lock)
        {
            return RunStates.IsFinal(_state) ? null : _host;
        }
    }

    private ControlResult NotLive() => ControlResult.Conflict($"run {Id} is {RunStates.Label(State)}; it takes no more commands", Id);
}
