using System.Globalization;
using TrdpSim.Composition;
using TrdpSim.Plan;

namespace TrdpSim.Hosting.Daemon;

/// <summary>The daemon's runs: several may be live at once if their devices' addresses do not collide; ended
/// ones are kept for a while with their final summary.</summary>
/// <remarks>Used by the HTTP control plane and by tests alike (no HTTP here). Runs are built from plan files
/// with the same loader and validator as <c>trdpsim run</c> (<see cref="PlanFiles"/>).</remarks>
public sealed class RunRegistry : IAsyncDisposable
{
    private readonly RunRegistryOptions _options;
    private readonly TextWriter _log;
    private readonly Lock _lock = new();
    private readonly List<ManagedRun> _runs = [];
    private readonly HashSet<ManagedRun> _starting = [];
    private int _next;
    private bool _closed;

    public RunRegistry(RunRegistryOptions? options = null)
    {
        _options = options ?? new RunRegistryOptions();
        _log = _options.Log ?? Console.Error;
    }

    /// <summary>Raised when a run has been created, before its traffic starts (an event stream attaches its
    /// observers here). Called on the thread that started the run.</summary>
    public event Action<ManagedRun>? RunCreated;

    /// <summary>False once <see cref="ShutdownAsync"/> began: no run is accepted any more.</summary>
    public bool IsAccepting
    {
        get
        {
            lock (_lock)
            {
                return !_closed;
            }
        }
    }

    public RunRegistryOptions Options => _options;

    /// <summary>Every kept run, oldest first.</summary>
    public IReadOnlyList<ManagedRun> List()
    {
        lock (_lock)
        {
            Prune();
            return [.. _runs];
        }
    }

    /// <summary>The run with id <paramref name="id"/>, or null (unknown, or forgotten after its retention).</summary>
    public ManagedRun? Find(string id)
    {
        lock (_lock)
        {
            Prune();
            return _runs.Find(r => string.Equals(r.Id, id, StringComparison.Ordinal));
        }
    }

    /// <summary>Loads, validates, builds and starts a run.</summary>
    public async Task<RunStartResult> StartAsync(RunSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        // As trdpsim run: an address outside loopback needs the plan's own [network] allow-network.
        var loaded = PlanFiles.Load(spec.Files, spec.Parameters, _options.PluginDirectory, new PlanFileOptions { ForRun = true });
        if (loaded.Plan is not { } plan)
        {
            return Refused(ControlResult.Invalid($"the plan has {loaded.Errors.Count} error(s)"), loaded.Errors);
        }

        if (spec.Duration is { } duration)
        {
            plan.Duration = duration;
        }

        if (spec.Seed is { } seed)
        {
            plan.Seed = seed;
        }

        plan.Metrics.Enabled = false; // the daemon serves every run's series on its own /metrics
        if (PlanFiles.UnmatchedThresholds(plan) is { Count: > 0 } unmatched)
        {
            return Refused(ControlResult.Invalid($"{unmatched.Count} threshold(s) name nothing in the plan"), unmatched);
        }

        var claims = RunClaims.Of(plan);
        string id;
        lock (_lock)
        {
            if (Admission(claims) is { } refusal)
            {
                return Refused(refusal, []);
            }

            id = "r" + (++_next).ToString(CultureInfo.InvariantCulture);
        }

        var log = new PrefixedLineWriter(_log, $"[{id}] ");
        var hostOptions = _options.HostOptions?.Invoke(plan) ?? new RunHostOptions();
        hostOptions.ScenarioLog ??= log;
        lock (_lock)
        {
            // A full collection at this run's start would pause the runs already playing.
            hostOptions.SettleHeapAtStart &= !_runs.Exists(r => r.IsLive);
        }

        RunHost host;
        try
        {
            host = RunHost.Create(plan, hostOptions);
        }
        catch (PlanException e)
        {
            return Refused(ControlResult.Invalid($"the plan has {e.Errors.Count} error(s)"), e.Errors);
        }
        catch (DeviceSocketException e) when (e.IsConfigurationError)
        {
            return Refused(ControlResult.Conflict(e.Message), []);
        }
        catch (Exception e) when (e is DeviceSocketException or IOException or System.Net.Sockets.SocketException or UnauthorizedAccessException)
        {
            return Refused(ControlResult.Unavailable($"cannot open the run's sockets: {e.Message}"), []);
        }

        var run = new ManagedRun(id, spec, plan, loaded.Paths, claims, host, _options.Time, log, _options.Store, _options.StoreInterval);
        lock (_lock)
        {
            // Checked again: another run may have been admitted while this one opened its sockets.
            if (Admission(claims) is { } late)
            {
                _ = host.DisposeAsync().AsTask();
                return Refused(late, []);
            }

            _runs.Add(run);
            _starting.Add(run);
        }

        try
        {
            RunCreated?.Invoke(run);
            cancellationToken.ThrowIfCancellationRequested();
            await run.StartAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ArgumentException or OperationCanceledException or Faults.FaultException)
        {
            lock (_lock)
            {
                _runs.Remove(run);
            }

            await host.DisposeAsync().ConfigureAwait(false);
            return Refused(ControlResult.Unavailable($"the run could not start: {e.Message}"), []);
        }
        finally
        {
            lock (_lock)
            {
                _starting.Remove(run);
            }
        }

        _log.WriteLine($"run {id} ({plan.Name}): started from {string.Join(" + ", loaded.Paths)}" +
            (plan.Duration is { } d ? $" for {d.TotalSeconds:0.###} s" : " until stopped"));
        return new RunStartResult(run, ControlResult.Applied(id, $"run {id} started"), []);
    }

    /// <summary>Whether a live run reads files from <paramref name="folder"/> (a plugin about to be deleted).</summary>
    public ManagedRun? LiveRunUsing(string folder)
    {
        var full = Path.GetFullPath(folder);
        lock (_lock)
        {
            return _runs.Find(r => r.IsLive && Reads(r, full));
        }
    }

    private static bool Reads(ManagedRun run, string folder)
    {
        foreach (var path in run.Paths)
        {
            if (string.Equals(Path.GetFullPath(path), folder, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Refuses new runs and stops every live one (each ends as <c>stopped</c> with its summary).</summary>
    public async Task ShutdownAsync()
    {
        List<ManagedRun> live;
        lock (_lock)
        {
            _closed = true;
            live = _runs.FindAll(r => r.IsLive);
        }

        foreach (var run in live)
        {
            run.Abandon();
        }

        foreach (var run in live)
        {
            await run.Finished.ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync() => await ShutdownAsync().ConfigureAwait(false);

    /// <summary>Why a run claiming <paramref name="claims"/> cannot be admitted now, or null (under the lock).</summary>
    private ControlResult? Admission(IReadOnlyList<string> claims)
    {
        if (_closed)
        {
            return ControlResult.Conflict("the daemon is shutting down; no new run is accepted");
        }

        var live = _runs.FindAll(r => r.IsLive);
        if (live.Count >= _options.MaxLiveRuns)
        {
            return ControlResult.Conflict($"{live.Count} runs are live, the most this daemon runs at once (max-live-runs); stop one first");
        }

        foreach (var other in live)
        {
            if (RunClaims.Collision(claims, other.Claims) is { } collision)
            {
                return ControlResult.Conflict($"address {collision.Wanted} is held by live run {other.Id} ({other.Name}: {collision.Held})", other.Id);
            }
        }

        return null;
    }

    /// <summary>Forgets ended runs beyond the retention count or age (under the lock).</summary>
    private void Prune()
    {
        var now = _options.Time.GetUtcNow();
        var ended = _runs.FindAll(r => !r.IsLive && !_starting.Contains(r));
        ended.Sort((a, b) => Nullable.Compare(b.StoppedUtc, a.StoppedUtc));
        for (var i = 0; i < ended.Count; i++)
        {
            if (i >= _options.MaxFinishedRuns || (ended[i].StoppedUtc is { } stopped && now - stopped > _options.FinishedRetention))
            {
                _runs.Remove(ended[i]);
            }
        }
    }

    private static RunStartResult Refused(ControlResult result, IReadOnlyList<PlanError> errors)
    {
        var texts = new List<string>(errors.Count);
        foreach (var error in errors)
        {
            texts.Add(error.ToString());
        }

        return new RunStartResult(null, result, texts);
    }
}
