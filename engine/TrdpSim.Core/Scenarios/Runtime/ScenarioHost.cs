using TrdpSim.Composition;
using TrdpSim.Devices;
using TrdpSim.Plan;
using TrdpSim.Reporting;
using TrdpSim.Scheduling;

namespace TrdpSim.Scenarios.Runtime;

/// <summary>Runs a plan's scenarios: one worker thread for all their JavaScript, the hooks on the
/// subscriptions, and each scenario's lifecycle on the wheel.</summary>
/// <remarks>Created by the daemon for plans with scenarios; <see cref="Start"/> runs before the wheel
/// thread does, <see cref="End"/> after it has stopped.</remarks>
public sealed class ScenarioHost : IDisposable
{
    private readonly List<ScenarioRuntime> _scenarios = [];
    private readonly Func<Action<LiveRun>, bool> _post;
    private readonly TextWriter _log;
    private readonly Lock _sync = new();
    private readonly List<string> _errors = [];
    private readonly List<ScenarioFailure> _failures = [];
    private readonly LiveRun _run;
    private readonly List<MdRequestTap> _mdTaps = [];
    private long _runStart;

    /// <param name="plan">The plan whose <see cref="RunPlan.Scenarios"/> to run.</param>
    /// <param name="control">The live run's control surface: the callbacks' changes go through it.</param>
    /// <param name="post">Runs an action on the wheel thread (the daemon's command queue).</param>
    /// <param name="log">Where scenario messages go (standard error for the command line).</param>
    /// <param name="queueCapacity">Events the queue to JavaScript holds before it drops.</param>
    public ScenarioHost(RunPlan plan, RunControl control, Func<Action<LiveRun>, bool> post, TextWriter log, int queueCapacity = ScenarioWorker.DefaultCapacity)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(control);
        var run = control.Run;
        _run = run;
        RunControl = control;
        RunPlan = plan;
        _post = post;
        _log = log;
        Worker = new ScenarioWorker(queueCapacity, run.Telemetry.Stalls.CreateProbe(StallSources.Scripts, "scenario"));
        foreach (var scenario in plan.Scenarios)
        {
            _scenarios.Add(new ScenarioRuntime(this, scenario, run));
        }
    }

    public IReadOnlyList<ScenarioRuntime> Scenarios => _scenarios;

    /// <summary>Where <c>run.fail()</c> verdicts go besides <see cref="Failures"/> (the threshold report).</summary>
    public Action<string, SourceLocation>? FailureSink { get; init; }

    /// <summary>The plan the run was compiled from (fault targets are checked against it).</summary>
    internal RunPlan RunPlan { get; }

    /// <summary>The live run's control surface, shared with the host's other controllers.</summary>
    internal RunControl RunControl { get; }

    internal ScenarioWorker Worker { get; }

    /// <summary>Hook and timeline events handed to JavaScript.</summary>
    public long EventsDelivered => Worker.Delivered;

    /// <summary>Events dropped because JavaScript could not keep up (bounded queue full).</summary>
    public long EventsDropped => Worker.Dropped;

    /// <summary>MD requests a script did not answer in time (the replier answered as planned).</summary>
    public long MdScriptFallbacks
    {
        get
        {
            long total = 0;
            foreach (var tap in _mdTaps)
            {
                total += Volatile.Read(ref tap.Fallbacks);
            }

            return total;
        }
    }

    /// <summary>Scenario errors (<c>file:line:col: message</c>) that stopped a scenario.</summary>
    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_sync)
            {
                return [.. _errors];
            }
        }
    }

    /// <summary>Verdicts scripts gave with <c>run.fail()</c>.</summary>
    public IReadOnlyList<ScenarioFailure> Failures
    {
        get
        {
            lock (_sync)
            {
                return [.. _failures];
            }
        }
    }

    /// <summary>Before the wheel thread starts: attaches hooks and starts every scenario at <paramref name="runStart"/>.</summary>
    public void Start(TimingWheel wheel, long runStart)
    {
        ArgumentNullException.ThrowIfNull(wheel);
        _runStart = runStart;
        AttachHooks();
        if (_scenarios.Exists(s => s.Plan.Script is not null))
        {
            Worker.Start();
        }

        foreach (var scenario in _scenarios)
        {
            scenario.Start(wheel, runStart);
        }
    }

    /// <summary>Ends every active scenario (settling); any thread.</summary>
    public void StopAll() => Stop(ControlScope.Host);

    /// <summary>Puts everything every scenario changed back at once; any thread.</summary>
    public void ResetAll() => Reset(ControlScope.Host);

    /// <summary>Ends the active time of one scenario, or of every active one (<paramref name="name"/> null):
    /// they settle; any thread.</summary>
    /// <param name="scope">On whose behalf (the audit event's actor).</param>
    /// <param name="name">The scenario; null = all.</param>
    /// <returns>Completes once applied on the wheel thread. An unknown name is <see cref="ControlOutcome.NotFound"/>;
    /// a scenario that is not active (for all: none is) a <see cref="ControlOutcome.Conflict"/>.</returns>
    public ControlCall Stop(ControlScope scope, string? name = null)
    {
        if (name is not null)
        {
            return Find(name) is { } scenario ? Stop(scope, scenario) : ControlCall.Refused(ControlResult.NotFound($"no scenario named '{name}'"));
        }

        return RunControl.Apply(scope, ControlActionKind.StopScenario, "*", string.Empty, context =>
        {
            var stopped = 0;
            foreach (var scenario in _scenarios)
            {
                if (scenario.IsActive)
                {
                    scenario.BeginSettle(context.NowNanoseconds);
                    stopped++;
                }
            }

            return stopped > 0
                ? ControlResult.Applied("*", $"{stopped} scenario(s) settling")
                : ControlResult.Conflict("no scenario is active", "*");
        });
    }

    /// <summary>Puts everything one scenario, or every scenario (<paramref name="name"/> null), changed back
    /// at once, whatever its state; any thread.</summary>
    /// <returns>Completes once applied on the wheel thread; an unknown name is <see cref="ControlOutcome.NotFound"/>.</returns>
    public ControlCall Reset(ControlScope scope, string? name = null)
    {
        ScenarioRuntime? one = null;
        if (name is not null && (one = Find(name)) is null)
        {
            return ControlCall.Refused(ControlResult.NotFound($"no scenario named '{name}'"));
        }

        var target = one?.Name ?? "*";
        return RunControl.Apply(scope, ControlActionKind.ResetScenario, target, string.Empty, _ =>
        {
            foreach (var scenario in _scenarios)
            {
                if (one is null || ReferenceEquals(scenario, one))
                {
                    scenario.Reset();
                }
            }

            return ControlResult.Applied(target, one is null ? $"{_scenarios.Count} scenario(s) reset" : $"scenario '{one.Name}' reset");
        });
    }

    /// <summary>Ends <paramref name="scenario"/>'s active time (<c>run.stop()</c> and the control plane).</summary>
    internal ControlCall Stop(ControlScope scope, ScenarioRuntime scenario) =>
        RunControl.Apply(scope, ControlActionKind.StopScenario, scenario.Name, string.Empty, context =>
        {
            if (!scenario.IsActive)
            {
                return ControlResult.Conflict($"scenario '{scenario.Name}' is not active ({scenario.State.ToString().ToLowerInvariant()})", scenario.Name);
            }

            scenario.BeginSettle(context.NowNanoseconds);
            return ControlResult.Applied(scenario.Name, $"scenario '{scenario.Name}' settling");
        });

    private ScenarioRuntime? Find(string name) => _scenarios.Find(s => string.Equals(s.Name, name, StringComparison.Ordinal));

    /// <summary>After the wheel stopped: runs the end hooks with <paramref name="summary"/> and waits for
    /// the worker to finish, at most <paramref name="timeout"/>; a script still running then is cancelled.</summary>
    /// <returns>False when the worker had to be cancelled.</returns>
    public bool End(RunSummary summary, TimeSpan timeout)
    {
        foreach (var scenario in _scenarios)
        {
            if (scenario.HasEndHooks && scenario.Error is null)
            {
                scenario.PostEnd(summary);
            }
        }

        if (Worker.Drain(timeout))
        {
            return true;
        }

        foreach (var scenario in _scenarios)
        {
            scenario.Cancel();
        }

        return Worker.Drain(TimeSpan.FromSeconds(5));
    }

    /// <summary>Interrupts whatever script is running (Ctrl-C); any thread.</summary>
    public void Cancel()
    {
        foreach (var scenario in _scenarios)
        {
            scenario.Cancel();
        }
    }

    public void Dispose()
    {
        Worker.Dispose();
        foreach (var scenario in _scenarios)
        {
            scenario.Plan.Script?.Dispose();
        }
    }

    internal bool Post(Action<LiveRun> change) => _post(change);

    internal double MillisecondsSinceStart(long nanoseconds) => (nanoseconds - _runStart) / 1e6;

    internal void Log(ScenarioRuntime scenario, string message)
    {
        var seconds = MillisecondsSinceStart(MonotonicClock.NowNanoseconds()) / 1000;
        lock (_sync)
        {
            _log.WriteLine($"[{seconds,8:0.000} s] {scenario.Name}: {message}");
        }
    }

    internal void OnScenarioError(ScenarioRuntime scenario, string error)
    {
        lock (_sync)
        {
            _errors.Add(error);
        }

        Log(scenario, $"stopped by an error: {error}");
    }

    /// <summary>A script action that could not be carried out on the wheel (reported, not fatal).</summary>
    internal void OnScenarioWarning(ScenarioRuntime scenario, string message) => Log(scenario, message);

    internal void AddFailure(ScenarioRuntime scenario, string reason, SourceLocation at)
    {
        lock (_sync)
        {
            _failures.Add(new ScenarioFailure(scenario.Name, reason, at));
        }

        FailureSink?.Invoke($"{scenario.Name}: {reason}", at);

        Log(scenario, $"failed: {reason}");
    }

    private void AttachMdHooks()
    {
        foreach (var scenario in _scenarios)
        {
            foreach (var hook in scenario.Plan.Hooks)
            {
                if (hook.Kind != HookKind.MdRequest)
                {
                    continue;
                }

                foreach (var station in _run.MdStations)
                {
                    if (hook.Device != "*" && hook.Device != station.Device)
                    {
                        continue;
                    }

                    foreach (var listener in station.Listeners)
                    {
                        if (hook.ComId is { } comId && comId != listener.ComId)
                        {
                            continue;
                        }

                        // First hook wins: one answer per request.
                        listener.RequestTap ??= AddTap(new MdRequestTap(scenario, hook.Callback, station.Device, listener.Name));
                    }
                }
            }
        }
    }

    private MdRequestTap AddTap(MdRequestTap tap)
    {
        _mdTaps.Add(tap);
        return tap;
    }

    private void AttachHooks()
    {
        AttachMdHooks();
        var taps = new Dictionary<Subscription, SubscriptionHookTap>(ReferenceEqualityComparer.Instance);
        foreach (var scenario in _scenarios)
        {
            foreach (var hook in scenario.Plan.Hooks)
            {
                if (hook.Kind is not (HookKind.Telegram or HookKind.Timeout))
                {
                    continue;
                }

                foreach (var device in _run.Devices)
                {
                    if (hook.Device != "*" && hook.Device != device.Name)
                    {
                        continue;
                    }

                    foreach (var subscription in Subscriptions(device))
                    {
                        if (hook.ComId is { } comId && comId != subscription.ComId)
                        {
                            continue;
                        }

                        if (!taps.TryGetValue(subscription, out var tap))
                        {
                            tap = new SubscriptionHookTap(device.Name, Worker);
                            taps[subscription] = tap;
                            subscription.Tap = tap;
                        }

                        tap.Add(scenario, hook, subscription);
                    }
                }
            }
        }
    }

    private static IEnumerable<Subscription> Subscriptions(VirtualDevice device)
    {
        foreach (var s in device.Unicast.Subscriptions)
        {
            yield return s;
        }

        if (device.Multicast is { } multicast)
        {
            foreach (var s in multicast.Subscriptions)
            {
                yield return s;
            }
        }
    }
}

/// <summary>A verdict a script gave with <c>run.fail(reason)</c>.</summary>
public sealed record ScenarioFailure(string Scenario, string Reason, SourceLocation At);
