using TrdpSim.Composition;
using TrdpSim.Hosting;
using TrdpSim.Hosting.Daemon;
using TrdpSim.Reporting;

namespace TrdpSim.Tests.Hosting;

/// <summary>The daemon's run registry without HTTP: lifecycle states, refusals, the audit trail, reset and retention.</summary>
public sealed class RunRegistryTests : IDisposable
{
    private readonly DaemonPlanFiles _files = new();
    private readonly StringWriter _log = new();

    public void Dispose()
    {
        _files.Dispose();
        _log.Dispose();
    }

    private RunRegistry Registry(int maxLive = 8, int maxFinished = 32) =>
        new(new RunRegistryOptions { Log = TextWriter.Synchronized(_log), MaxLiveRuns = maxLive, MaxFinishedRuns = maxFinished });

    [Fact]
    public async Task ARunGoesRunningPausedRunningAndStoppedWithItsSummary()
    {
        await using var registry = Registry();
        var started = await registry.StartAsync(new RunSpec { Files = [_files.Pair()] });
        var run = Assert.IsType<ManagedRun>(started.Run);
        Assert.Equal(RunState.Running, run.State);
        var scope = run.ScopeFor("tester");

        Assert.True((await run.PauseAsync(scope)).IsApplied);
        Assert.Equal(RunState.Paused, run.State);
        var again = await run.PauseAsync(scope);
        Assert.Equal(ControlOutcome.Conflict, again.Outcome);
        Assert.True((await run.ResumeAsync(scope)).IsApplied);
        Assert.Equal(RunState.Running, run.State);
        await Task.Delay(100);

        Assert.True((await run.StopAsync(scope)).IsApplied);
        Assert.Equal(RunState.Stopped, run.State);
        var outcome = Assert.IsType<RunOutcome>(run.Outcome);
        Assert.Equal(RunStopReason.Stopped, outcome.StopReason);
        Assert.Contains("\"stopReason\":\"stopped\"", System.Text.Encoding.UTF8.GetString(outcome.SummaryJson.Span).Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        var status = await run.StatusAsync();
        Assert.True(status.Totals.Sent > 0, $"sent {status.Totals.Sent}");
        Assert.Null(run.Registry); // the host was released

        // Every command to an ended run is a conflict that names its state.
        var late = await run.PauseAsync(scope);
        Assert.Equal(ControlOutcome.Conflict, late.Outcome);
        Assert.Contains("stopped", late.Message, StringComparison.Ordinal);
        Assert.Equal(ControlOutcome.Conflict, (await run.StopAsync(scope)).Outcome);
    }

    [Fact]
    public async Task EveryControlActionIsInTheAuditTrailWithItsClient()
    {
        await using var registry = Registry();
        var run = (await registry.StartAsync(new RunSpec { Files = [_files.Pair()] })).Run!;
        var scope = run.ScopeFor("10.0.0.1");
        await run.PauseAsync(scope);
        await run.ResumeAsync(scope);
        await run.StopAsync(scope);

        var events = run.Audit.Events();
        Assert.Equal([ControlActionKind.StartRun, ControlActionKind.Pause, ControlActionKind.Resume, ControlActionKind.StopRun], events.Select(e => e.Action));
        Assert.Equal("host", events[0].Actor.Name);
        Assert.All(events.Skip(1), e => Assert.Equal("http:10.0.0.1", e.Actor.Name));
        Assert.All(events, e => Assert.True(e.Utc > DateTimeOffset.UtcNow.AddMinutes(-1)));
    }

    [Fact]
    public async Task ARunWithADurationCompletesAndOneWhoseThresholdFailsEndsFailed()
    {
        await using var registry = Registry();
        var good = (await registry.StartAsync(new RunSpec { Files = [_files.Pair("good")], Duration = TimeSpan.FromMilliseconds(300) })).Run!;
        var badStart = await registry.StartAsync(new RunSpec
        {
            Files = [_files.Pair("bad", extra: "\n[[threshold]]\nmetric = \"pd_sent\"\nrule = \"count < 1\"\n")],
            Duration = TimeSpan.FromMilliseconds(300),
        });
        Assert.True(badStart.Run is not null, $"{badStart.Result.Message}: {string.Join("; ", badStart.Errors)}");
        var bad = badStart.Run;
        await Task.WhenAll(good.Finished, bad.Finished).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(RunState.Completed, good.State);
        Assert.Equal(RunStopReason.Completed, good.Outcome!.StopReason);
        Assert.True(good.Outcome.ThresholdsPassed);
        Assert.Equal(RunState.Failed, bad.State);
        Assert.False(bad.Outcome!.ThresholdsPassed);
        Assert.Contains(bad.Outcome.FailedThresholds, f => f.Contains("pd_sent", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ABadPlanIsRefusedWithEveryErrorAtItsPosition()
    {
        await using var registry = Registry();
        var path = _files.Write("broken.toml", "[run]\nname = \"x\"\n[nosuchsection]\nfoo = 1\n");
        var result = await registry.StartAsync(new RunSpec { Files = [path] });
        Assert.Null(result.Run);
        Assert.Equal(ControlOutcome.Invalid, result.Result.Outcome);
        Assert.Contains(result.Errors, e => e.StartsWith(path + ":3:", StringComparison.Ordinal));

        var missing = await registry.StartAsync(new RunSpec { Files = [Path.Combine(_files.Folder, "nope.toml")] });
        Assert.Contains(missing.Errors, e => e.Contains("file not found", StringComparison.Ordinal));
        Assert.Empty(registry.List());
    }

    [Fact]
    public async Task MoreLiveRunsThanAllowedAreRefusedAsAConflict()
    {
        await using var registry = Registry(maxLive: 1);
        var first = await registry.StartAsync(new RunSpec { Files = [_files.Pair("one")] });
        var second = await registry.StartAsync(new RunSpec { Files = [_files.Pair("two")] });
        Assert.NotNull(first.Run);
        Assert.Null(second.Run);
        Assert.Equal(ControlOutcome.Conflict, second.Result.Outcome);
        Assert.Contains("max-live-runs", second.Result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheHeapIsSettledAtARunsStartOnlyWhileNoOtherRunIsLive()
    {
        var asked = new List<RunHostOptions>();
        await using var registry = new RunRegistry(new RunRegistryOptions
        {
            Log = TextWriter.Synchronized(_log),
            HostOptions = _ =>
            {
                var options = new RunHostOptions { SettleHeapAtStart = true };
                asked.Add(options);
                return options;
            },
        });
        var first = (await registry.StartAsync(new RunSpec { Files = [_files.Pair("one")] })).Run!;
        var second = (await registry.StartAsync(new RunSpec { Files = [_files.Pair("two")] })).Run;
        Assert.NotNull(second);
        await first.StopAsync(ControlScope.Host);
        await second.StopAsync(ControlScope.Host);
        var third = (await registry.StartAsync(new RunSpec { Files = [_files.Pair("three")] })).Run!;
        await third.StopAsync(ControlScope.Host);

        Assert.Equal([true, false, true], asked.Select(o => o.SettleHeapAtStart));
    }

    [Fact]
    public async Task EndedRunsBeyondTheRetentionCountAreForgotten()
    {
        await using var registry = Registry(maxFinished: 1);
        var first = (await registry.StartAsync(new RunSpec { Files = [_files.Pair("one")] })).Run!;
        await first.StopAsync(ControlScope.Host);
        var second = (await registry.StartAsync(new RunSpec { Files = [_files.Pair("two")] })).Run!;
        await second.StopAsync(ControlScope.Host);

        Assert.Null(registry.Find(first.Id));
        Assert.Same(second, registry.Find(second.Id));
    }

    [Fact]
    public async Task ResetTakesBackEveryControlPlaneChangeAndTheFaultsItInjected()
    {
        await using var registry = Registry();
        var run = (await registry.StartAsync(new RunSpec { Files = [_files.Pair()] })).Run!;
        var scope = run.ScopeFor("tester");
        var fault = new TrdpSim.Plan.FaultPlan { Kind = TrdpSim.Plan.FaultKind.Loss, Name = "drop", Target = new TrdpSim.Plan.FaultTarget { Device = "A" }, Probability = 1 };
        Assert.True((await run.WithControl(async (control, _) => await control.Inject(scope, fault))).IsApplied);
        Assert.True((await run.WithControl(async (control, _) => await control.SetCycle(scope, "out", TimeSpan.FromMilliseconds(50)))).IsApplied);
        Assert.True((await run.PauseAsync(scope)).IsApplied);

        var reset = await run.ResetAsync(scope);

        Assert.True(reset.IsApplied, reset.Message);
        Assert.Equal(RunState.Running, run.State);
        Assert.Empty((await run.StatusAsync()).Faults);
        var undone = run.Audit.Events().Where(e => e.IsUndo).Select(e => e.Action).ToList();
        Assert.Contains(ControlActionKind.SetCycle, undone);
        Assert.Contains(ControlActionKind.Pause, undone);
        Assert.Contains(ControlActionKind.Inject, undone);
        Assert.Equal(ControlActionKind.ResetRun, run.Audit.Events()[^1].Action);
    }

    [Fact]
    public async Task ShutdownStopsEveryLiveRunAndRefusesNewOnes()
    {
        var registry = Registry();
        var run = (await registry.StartAsync(new RunSpec { Files = [_files.Pair()] })).Run!;
        await registry.ShutdownAsync();

        Assert.Equal(RunState.Stopped, run.State);
        Assert.False(registry.IsAccepting);
        var refused = await registry.StartAsync(new RunSpec { Files = [_files.Pair("late")] });
        Assert.Equal(ControlOutcome.Conflict, refused.Result.Outcome);
    }
}
