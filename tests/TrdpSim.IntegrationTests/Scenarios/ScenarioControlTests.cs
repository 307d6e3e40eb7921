using System.Collections.Concurrent;
using TrdpSim.Scenarios.Runtime;

namespace TrdpSim.IntegrationTests.Scenarios;

/// <summary>The host's control surface on a running wheel: a scenario's changes are audited as its own and
/// taken back by a reset, calls are answered once the wheel thread has applied them, scenarios are stopped
/// and reset by name, and calls after the run stopped are answered too.</summary>
public sealed class ScenarioControlTests
{
    private const string Pair = """
        export default function (plan) {
          const a = plan.device({ name: "a", address: "10.0.0.1" });
          const b = plan.device({ name: "b", address: "10.0.0.2" });
          a.publish({ name: "out", comId: 1000, payloadLength: 4, cycle: "10ms", destination: "10.0.0.2" });
          b.subscribe({ name: "in", comId: 1000, timeout: "5s" });
          plan.at("300ms", run => { run.setCycle("out", "50ms"); run.log("changed", 1); });
        }
        """;

    private static long Sent(ScenarioRun run)
    {
        var totals = new TelegramCounters();
        foreach (var group in run.Host.Telemetry.Groups)
        {
            if (group.Name == "out")
            {
                totals.Accumulate(group.Totals());
            }
        }

        return totals.Sent;
    }

    [Fact]
    public async Task AScriptsChangeIsAuditedAsTheScenariosAndItsUndoToo()
    {
        await using var run = await ScenarioRun.StartAsync(Pair);
        var observer = new QueueObserver();
        run.Host.RunControl.AddObserver(observer);
        Assert.True(await ScenarioRun.Until(() => run.Logged("changed").Count == 1), run.Log);
        Assert.True(await ScenarioRun.Until(() => !observer.Events.IsEmpty), run.Log);
        Assert.True(observer.Events.TryPeek(out var change));
        Assert.Equal((ControlActionKind.SetCycle, "out", "cycle 50 ms", "scenario:t", false),
            (change.Action, change.Target, change.Detail, change.Actor.Name, change.IsUndo));

        var reset = await run.Host.Scenarios!.Reset(ControlScope.Http("tester"), "t").Completion.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(reset.IsApplied, reset.Message);
        var events = observer.Events.ToArray();
        Assert.Contains(events, e => e is { Action: ControlActionKind.SetCycle, IsUndo: true, Detail: "cycle 10 ms" } && e.Actor.Name == "scenario:t");
        Assert.Contains(events, e => e is { Action: ControlActionKind.ResetScenario, IsUndo: false, Target: "t" } && e.Actor.Name == "http:tester");
        Assert.Equal(10_000_000, run.Host.Run.FindTelegram("out")!.CycleNanoseconds);
    }

    [Fact]
    public async Task PauseAndResumeAreAnsweredOnceTheWheelAppliedThem()
    {
        await using var run = await ScenarioRun.StartAsync(Pair);
        var client = ControlScope.Http("tester");
        Assert.True(await ScenarioRun.Until(() => Sent(run) > 5));
        var paused = await run.Host.RunControl.Pause(client).Completion.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(paused.IsApplied, paused.Message);
        var sent = Sent(run);
        await Task.Delay(150);
        Assert.Equal(sent, Sent(run));
        Assert.Equal(ControlOutcome.Conflict, (await run.Host.RunControl.Pause(client).Completion.WaitAsync(TimeSpan.FromSeconds(10))).Outcome);

        Assert.True((await run.Host.RunControl.Resume(client).Completion.WaitAsync(TimeSpan.FromSeconds(10))).IsApplied);
        Assert.True(await ScenarioRun.Until(() => Sent(run) > sent + 5));
    }

    [Fact]
    public async Task ScenariosAreStoppedByNameAndAStoppedOneIsAConflict()
    {
        await using var run = await ScenarioRun.StartAsync(Pair);
        var scenarios = run.Host.Scenarios!;
        var client = ControlScope.Http("tester");
        Assert.Equal(ControlOutcome.NotFound, scenarios.Stop(client, "nope").Refusal!.Value.Outcome);
        var stopped = await scenarios.Stop(client, "t").Completion.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(stopped.IsApplied, stopped.Message);
        Assert.True(await ScenarioRun.Until(() => scenarios.Scenarios[0].State == ScenarioState.Settled), run.Log);
        var again = await scenarios.Stop(client, "t").Completion.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(ControlOutcome.Conflict, again.Outcome);
        Assert.Equal("scenario 't' is not active (settled)", again.Message);
    }

    [Fact]
    public async Task CallsAfterTheRunStoppedAreAnsweredAsUnavailable()
    {
        await using var run = await ScenarioRun.StartAsync(Pair);
        await run.Host.StopAsync();
        var call = run.Host.RunControl.SilenceDevice(ControlScope.Http("tester"), "a");
        Assert.Equal(ControlOutcome.Unavailable, (await call.Completion.WaitAsync(TimeSpan.FromSeconds(10))).Outcome);
    }

    private sealed class QueueObserver : IControlObserver
    {
        public ConcurrentQueue<ControlEvent> Events { get; } = new();

        public void OnControlApplied(in ControlEvent applied) => Events.Enqueue(applied);
    }
}
