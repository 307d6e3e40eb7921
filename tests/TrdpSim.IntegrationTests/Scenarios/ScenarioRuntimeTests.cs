using TrdpSim.Composition;
using TrdpSim.Devices;
using TrdpSim.Hosting;
using TrdpSim.Reporting;
using TrdpSim.Scenarios;
using TrdpSim.Scenarios.Runtime;
using TrdpSim.Telemetry;

namespace TrdpSim.IntegrationTests.Scenarios;

/// <summary>Timeline, hooks, phases and the lifecycle of scenarios on the in-memory network.</summary>
public sealed class ScenarioRuntimeTests
{
    private const string Pair = """
        plan.dataset({ id: 1001, elements: [{ name: "count", type: "UINT32" }] });
        const a = plan.device({ name: "a", address: "10.0.0.1" });
        const b = plan.device({ name: "b", address: "10.0.0.2" });
        a.publish({ name: "out", comId: 1000, dataset: 1001, cycle: "10ms", destination: "10.0.0.2", fields: [{ field: "count", kind: "counter" }] });
        b.subscribe({ name: "in", comId: 1000, timeout: "2s" });
        """;

    private static string Scenario(string body) => "export default function (plan) {\n" + Pair + "\n" + body + "\n}";

    private static TelegramCounters Counters(RunHost host, string name)
    {
        var totals = new TelegramCounters();
        foreach (var group in host.Telemetry.Groups)
        {
            if (group.Name == name)
            {
                totals.Accumulate(group.Totals());
            }
        }

        return totals;
    }

    [Fact]
    public async Task TimelineCallsComeInOrderAndNeverEarly()
    {
        await using var run = await ScenarioRun.StartAsync(Scenario("""
            plan.at("100ms", run => run.log("at", run.now()));
            plan.after("100ms", run => run.log("after", run.now()));
            plan.every("100ms", run => run.log("every", run.now()), { start: "300ms", until: "650ms" });
            plan.at("700ms", run => run.after("50ms", run => run.log("nested", run.now())));
            """));
        Assert.True(await ScenarioRun.Until(() => run.Logged("nested").Count == 1), run.Log);
        Assert.True(Assert.Single(run.Logged("at")) >= 100);
        Assert.True(Assert.Single(run.Logged("after")) >= 200);
        var every = run.Logged("every");
        Assert.Equal(4, every.Count); // 300, 400, 500, 600 — and not 700 (until 650 ms)
        for (var i = 0; i < every.Count; i++)
        {
            Assert.True(every[i] >= 300 + (100 * i), run.Log);
        }

        Assert.True(run.Logged("nested")[0] >= 750, run.Log);
        Assert.Empty(run.Host.Scenarios!.Errors);
    }

    [Fact]
    public async Task TelegramHookSeesEveryNthTelegramWithItsPayload()
    {
        await using var run = await ScenarioRun.StartAsync(Scenario("""
            let seen = 0, last = -1, ordered = true;
            plan.on("telegram", { comId: 1000, sample: 5 }, (ev, run) => {
              seen++;
              if (ev.device !== "b" || ev.telegram !== "in" || ev.source !== "10.0.0.1" || ev.data.length !== 4) run.fail("bad event " + JSON.stringify(ev));
              if (ev.seq <= last) ordered = false;
              last = ev.seq;
            });
            plan.on("end", (s, run) => { run.log("seen", seen); run.log("ordered", ordered ? 1 : 0); });
            """));
        Assert.True(await ScenarioRun.Until(() => Counters(run.Host, "in").Received >= 100));
        await run.Host.StopAsync();
        var received = Counters(run.Host, "in").Received;
        Assert.True(run.Host.Scenarios!.End(RunSummary.Capture(run.Host.Telemetry, TimeSpan.FromSeconds(1)), TimeSpan.FromSeconds(10)));
        Assert.Empty(run.Host.Scenarios.Failures);
        var seen = Assert.Single(run.Logged("seen"));
        Assert.Equal(received / 5, (long)seen);
        Assert.Equal(1, Assert.Single(run.Logged("ordered")));
        Assert.Equal(0, run.Host.Scenarios.EventsDropped);
    }

    [Fact]
    public async Task EventsKeptPastTheirCallbackKeepTheirOwnPayloadAndAreOrdinaryObjects()
    {
        // The payload buffer of an event is pooled and reused once the callback returns; an event a script keeps
        // must still show its own counter, read for the first time much later.
        await using var run = await ScenarioRun.StartAsync(Scenario("""
            const kept = [];
            plan.on("telegram", { comId: 1000 }, (ev, run) => { if (kept.length < 50) kept.push(ev); });
            plan.on("end", (s, run) => {
              const counts = kept.map(ev => ((ev.data[0] << 24) | (ev.data[1] << 16) | (ev.data[2] << 8) | ev.data[3]) >>> 0);
              let consecutive = true;
              for (let i = 1; i < counts.length; i++) if (counts[i] !== counts[i - 1] + 1) consecutive = false;
              run.log("kept", kept.length);
              run.log("consecutive", consecutive ? 1 : 0);
              run.log("keys", Object.keys(kept[0]).join(",") === "device,telegram,comId,time,seq,source,data" ? 1 : 0);
              const json = JSON.parse(JSON.stringify(kept[1]));
              run.log("json", json.telegram === "in" && json.seq === kept[1].seq && json.data["3"] === kept[1].data[3] ? 1 : 0);
              kept[2].data = "replaced";
              run.log("writable", kept[2].data === "replaced" ? 1 : 0);
            });
            """));
        Assert.True(await ScenarioRun.Until(() => Counters(run.Host, "in").Received >= 80));
        await run.Host.StopAsync();
        Assert.True(run.Host.Scenarios!.End(RunSummary.Capture(run.Host.Telemetry, TimeSpan.FromSeconds(1)), TimeSpan.FromSeconds(10)));
        Assert.Empty(run.Host.Scenarios.Failures);
        Assert.Equal(50, Assert.Single(run.Logged("kept")));
        Assert.Equal(1, Assert.Single(run.Logged("consecutive")));
        Assert.Equal(1, Assert.Single(run.Logged("keys")));
        Assert.Equal(1, Assert.Single(run.Logged("json")));
        Assert.Equal(1, Assert.Single(run.Logged("writable")));
    }

    [Fact]
    public async Task ThrowingHookStopsItsScenarioWithThePositionAndTheRunGoesOn()
    {
        await using var run = await ScenarioRun.StartAsync(Scenario("""
            let n = 0;
            plan.on("telegram", (ev, run) => {
              if (++n === 3) throw new Error("boom");
            });
            """));
        var scenarios = run.Host.Scenarios!;
        Assert.True(await ScenarioRun.Until(() => scenarios.Errors.Count > 0));
        var error = Assert.Single(scenarios.Errors);
        Assert.StartsWith("t.js:9:", error, StringComparison.Ordinal);
        Assert.Contains("boom", error, StringComparison.Ordinal);
        Assert.True(await ScenarioRun.Until(() => scenarios.Scenarios[0].State == ScenarioState.Settled));
        var sent = Counters(run.Host, "out").Sent;
        Assert.True(await ScenarioRun.Until(() => Counters(run.Host, "out").Sent > sent + 20)); // the daemon kept sending
        Assert.Equal(0, run.Host.Telemetry.EngineErrors);
    }

    [Fact]
    public async Task RunawayHookIsStoppedByTheSandboxWhileTheWheelKeepsSending()
    {
        await using var run = await ScenarioRun.StartAsync(
            Scenario("""
                plan.at("50ms", run => {
                  let n = 0;
                  while (true) { n++; }
                });
                """),
            ScenarioSandbox.Create(timeout: TimeSpan.FromMilliseconds(600)));
        var scenarios = run.Host.Scenarios!;
        Assert.True(await ScenarioRun.Until(() => run.Host.Telemetry.TotalSent() > 10));
        var before = Counters(run.Host, "out").Sent;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Assert.True(await ScenarioRun.Until(() => scenarios.Errors.Count > 0));
        var sentDuring = Counters(run.Host, "out").Sent - before;
        // While the script spun, the 10 ms publication went on: at least a fair share of its cycles were sent.
        Assert.True(sentDuring >= watch.ElapsedMilliseconds / 10 / 3, $"{sentDuring} sent in {watch.ElapsedMilliseconds} ms");
        Assert.Matches("exceeded its (time|statement) limit", Assert.Single(scenarios.Errors)); // whichever trips first
        Assert.StartsWith("t.js:9:", scenarios.Errors[0], StringComparison.Ordinal); // the loop, not the plan.at at line 7
    }

    /// <summary>The statement limit stops Jint without a position of its own: the error still names the
    /// looping statement, not the <c>plan.at</c> that registered the callback.</summary>
    [Fact]
    public async Task RunawayHookStoppedByTheStatementLimitIsReportedAtTheLoop()
    {
        await using var run = await ScenarioRun.StartAsync(
            Scenario("""
                plan.at("50ms", run => {
                  let n = 0;
                  while (true) { n++; }
                });
                """),
            ScenarioSandbox.Create(maxStatements: 10_000));
        var scenarios = run.Host.Scenarios!;
        Assert.True(await ScenarioRun.Until(() => scenarios.Errors.Count > 0));
        var error = Assert.Single(scenarios.Errors);
        Assert.Contains("exceeded its statement limit", error, StringComparison.Ordinal);
        Assert.StartsWith("t.js:9:", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FullQueueDropsAndCountsInsteadOfWaiting()
    {
        await using var run = await ScenarioRun.StartAsync(
            Scenario("""
                plan.on("telegram", (ev, run) => { const end = run.now() + 40; while (run.now() < end) { } });
                """),
            queueCapacity: 2);
        var scenarios = run.Host.Scenarios!;
        Assert.True(await ScenarioRun.Until(() => scenarios.EventsDropped > 10 && scenarios.EventsDelivered > 2));
        var received = Counters(run.Host, "in").Received;
        Assert.True(await ScenarioRun.Until(() => Counters(run.Host, "in").Received > received + 20)); // receiving never waited for the script
        Assert.Empty(scenarios.Errors);
    }

    [Fact]
    public async Task PhasesChangeRateAndParkTelegramsThenSettleBackExactly()
    {
        await using var run = await ScenarioRun.StartAsync("""
            export default function (plan) {
              const a = plan.device({ name: "a", address: "10.0.0.1" });
              a.publish({ name: "out", comId: 1000, count: 4, payloadLength: 4, cycle: "20ms", destination: "10.0.0.2" });
              plan.phase({ name: "busy", duration: "1500ms", pdRate: 4, activeFraction: 0.5, tags: ["load"] });
              plan.lifecycle({ settle: "200ms" });
              plan.on("phase", (ev, run) => run.log("phase-" + ev.name + (ev.tags.length === 1 && ev.tags[0] === "load" ? "" : "-untagged"), ev.time));
            }
            """);
        var scenarios = run.Host.Scenarios!;
        Assert.True(await ScenarioRun.Until(() => run.Logged("phase-busy").Count == 1));
        var cycles = new long[4];
        var parked = new bool[4];
        await Observe(run.Host, r =>
        {
            for (var i = 0; i < 4; i++)
            {
                cycles[i] = r.FindTelegram($"out#{i}")!.CycleNanoseconds;
                parked[i] = r.FindTelegram($"out#{i}")!.Parked;
            }
        });
        Assert.All(cycles, c => Assert.Equal(5_000_000, c));
        Assert.Equal([false, false, true, true], parked);

        Assert.True(await ScenarioRun.Until(() => scenarios.Scenarios[0].State == ScenarioState.Settled), run.Log);
        await Observe(run.Host, r =>
        {
            for (var i = 0; i < 4; i++)
            {
                cycles[i] = r.FindTelegram($"out#{i}")!.CycleNanoseconds;
                parked[i] = r.FindTelegram($"out#{i}")!.Parked;
            }
        });
        Assert.All(cycles, c => Assert.Equal(20_000_000, c));
        Assert.All(parked, Assert.False);
        Assert.Contains("settling over 0.2 s", run.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResetTakesBackEveryChangeAtOnce()
    {
        await using var run = await ScenarioRun.StartAsync(Scenario("""
            plan.at("50ms", run => { run.setCycle("out", "50ms"); run.silence("a"); run.setField("out", "count", 7); run.log("changed", 1); });
            """));
        Assert.True(await ScenarioRun.Until(() => run.Logged("changed").Count == 1));
        OutgoingTelegram? telegram = null;
        await Observe(run.Host, r => telegram = r.FindTelegram("out"));
        Assert.True(await ScenarioRun.Until(() => telegram!.Silenced));
        Assert.Equal(50_000_000, telegram!.CycleNanoseconds);
        Assert.Equal(7, ((Publication)telegram).FindGenerator("count")!.Override);

        run.Host.Scenarios!.ResetAll();
        Assert.True(await ScenarioRun.Until(() => run.Host.Scenarios.Scenarios[0].State == ScenarioState.Settled));
        await Observe(run.Host, _ => { });
        Assert.False(telegram.Silenced);
        Assert.Equal(10_000_000, telegram.CycleNanoseconds);
        Assert.Null(((Publication)telegram).FindGenerator("count")!.Override);
    }

    [Fact]
    public async Task WrongNamesAreScriptErrorsAtTheCall()
    {
        await using var run = await ScenarioRun.StartAsync(Scenario("""
            plan.at("20ms", run => run.setCycle("nope", "1s"));
            """));
        Assert.True(await ScenarioRun.Until(() => run.Host.Scenarios!.Errors.Count > 0));
        var error = Assert.Single(run.Host.Scenarios!.Errors);
        Assert.StartsWith("t.js:7:", error, StringComparison.Ordinal);
        Assert.Contains("no published telegram named 'nope'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EndHookGetsTheSummaryAndCanFailTheRun()
    {
        await using var run = await ScenarioRun.StartAsync(Scenario("""
            plan.on("end", (s, run) => {
              const out = s.telegrams.find(t => t.name === "out");
              if (out.sent > 0 && s.sent === out.sent) run.fail("sent " + out.sent);
            });
            """));
        Assert.True(await ScenarioRun.Until(() => run.Host.Telemetry.TotalSent() > 5));
        await run.Host.StopAsync();
        Assert.True(run.Host.Scenarios!.End(RunSummary.Capture(run.Host.Telemetry, TimeSpan.FromSeconds(1)), TimeSpan.FromSeconds(10)));
        var failure = Assert.Single(run.Host.Scenarios.Failures);
        Assert.StartsWith("sent ", failure.Reason, StringComparison.Ordinal);
        Assert.Equal(9, failure.At.Line);
    }

    /// <summary>Runs <paramref name="look"/> on the wheel thread and waits for it (a consistent view).</summary>
    private static async Task Observe(RunHost host, Action<LiveRun> look)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Assert.True(host.Post(r => { look(r); done.SetResult(); }));
        await done.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
