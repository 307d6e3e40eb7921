using TrdpSim.Scenarios.Runtime;

namespace TrdpSim.IntegrationTests.Scenarios;

/// <summary>Faults a scenario plans or injects belong to it: they ease out when it settles and go at once
/// when it is reset.</summary>
public sealed class ScenarioFaultTests
{
    private const string Pair = """
        const a = plan.device({ name: "a", address: "10.0.0.1" });
        const b = plan.device({ name: "b", address: "10.0.0.2" });
        a.publish({ name: "out", comId: 1000, payloadLength: 4, cycle: "10ms", destination: "10.0.0.2" });
        b.subscribe({ name: "in", comId: 1000, timeout: "5s" });
        """;

    private static string Scenario(string body) => "export default function (plan) {\n" + Pair + "\n" + body + "\n}";

    private static long Received(RunHost host)
    {
        var totals = new TelegramCounters();
        foreach (var group in host.Telemetry.Groups)
        {
            if (group.Name == "in")
            {
                totals.Accumulate(group.Totals());
            }
        }

        return totals.Received;
    }

    [Fact]
    public async Task AnInjectedFaultStrikesAndGoesWhenTheScenarioSettles()
    {
        await using var run = await ScenarioRun.StartAsync(Scenario("""
            plan.at("100ms", run => run.log("injected-" + run.inject({ kind: "loss", device: "a", probability: 1 }), 1));
            plan.lifecycle({ activeFor: "2500ms", settle: "100ms" }); // long enough that a stalled machine still injects while active
            """));
        Assert.True(await ScenarioRun.Until(() => run.Logged("injected-t-loss-1").Count == 1), run.Log);
        Assert.True(await ScenarioRun.Until(() => run.Host.Run.Faults.Active.Count == 1));
        await Task.Delay(100);
        var during = Received(run.Host);
        await Task.Delay(200);
        var scenario = run.Host.Scenarios!.Scenarios[0];
        if (scenario.State == ScenarioState.Active)
        {
            Assert.Equal(during, Received(run.Host)); // everything lost while the fault is on
        }

        Assert.True(await ScenarioRun.Until(() => scenario.State == ScenarioState.Settled), run.Log);
        Assert.True(await ScenarioRun.Until(() => run.Host.Run.Faults.Active.Count == 0));
        var after = Received(run.Host);
        Assert.True(await ScenarioRun.Until(() => Received(run.Host) > after + 10)); // repaired
        Assert.True(run.Host.Telemetry.Faults()[0].Strikes > 0);
    }

    [Fact]
    public async Task APlannedFaultOfTheScenarioIsTakenAwayByReset()
    {
        await using var run = await ScenarioRun.StartAsync(Scenario("""
            plan.fault({ name: "cut", kind: "loss", device: "a", probability: 1 });
            """));
        Assert.True(await ScenarioRun.Until(() => run.Host.Run.Faults.Active.Count == 1));
        run.Host.Scenarios!.ResetAll();
        Assert.True(await ScenarioRun.Until(() => run.Host.Run.Faults.Active.Count == 0));
        var after = Received(run.Host);
        Assert.True(await ScenarioRun.Until(() => Received(run.Host) > after + 10));
        Assert.Equal(ScenarioState.Settled, run.Host.Scenarios.Scenarios[0].State);
    }

    [Theory]
    [InlineData("run.inject({ kind: \"loss\", device: \"zz\" })", "run.inject(): no device called 'zz'")]
    [InlineData("run.inject({ kind: \"wobble\", device: \"a\" })", "wobble")]
    [InlineData("run.inject({ kind: \"loss\", device: \"a\", probability: 3 })", "probability")]
    public async Task ABadInjectionIsAScriptErrorAtTheCall(string call, string message)
    {
        await using var run = await ScenarioRun.StartAsync(Scenario($"plan.at(\"20ms\", run => {call});"));
        Assert.True(await ScenarioRun.Until(() => run.Host.Scenarios!.Errors.Count > 0), run.Log);
        var error = Assert.Single(run.Host.Scenarios!.Errors);
        Assert.StartsWith("t.js:6:", error, StringComparison.Ordinal);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Empty(run.Host.Run.Faults.Active);
    }
}
