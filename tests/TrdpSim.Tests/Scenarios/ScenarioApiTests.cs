using TrdpSim.Composition;
using TrdpSim.Configuration;
using TrdpSim.Devices;
using TrdpSim.Plan;
using TrdpSim.Plan.Validation;
using TrdpSim.Scenarios;
using Xunit;

namespace TrdpSim.Tests.Scenarios;

/// <summary>The run-time half of the plan builder: what the timeline, hook, phase and lifecycle calls
/// record, and how they refuse bad input.</summary>
public sealed class ScenarioApiTests
{
    private const string Devices = """
        const a = plan.device({ name: "a", address: "10.0.0.1" });
        a.publish({ name: "out", comId: 1000, payloadLength: 4, cycle: "10ms", destination: "10.0.0.2" });
        const b = plan.device({ name: "b", address: "10.0.0.2" });
        b.subscribe({ name: "in", comId: 1000 });
        """;

    private static PlanLoadResult Load(string body, string file = "t.js") =>
        ScenarioLoader.Load("export default function (plan) {\n" + Devices + "\n" + body + "\n}", file, new Dictionary<string, string>());

    [Fact]
    public void TimelineEntriesAreAbsoluteAndAfterChainsFromThePreviousOne()
    {
        var result = Load("""
            plan.at("2s", run => {});
            plan.after("500ms", run => {});
            plan.every("1s", run => {}, { start: "10s", until: "20s" });
            plan.every("250ms", run => {});
            """);
        Assert.True(result.Success, result.FormatErrors());
        var timeline = Assert.Single(result.Plan!.Scenarios).Timeline;
        Assert.Equal(TimeSpan.FromSeconds(2), timeline[0].At);
        Assert.Equal(TimeSpan.FromSeconds(2.5), timeline[1].At);
        Assert.Equal((TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1), (TimeSpan?)TimeSpan.FromSeconds(20)), (timeline[2].At, timeline[2].Every, timeline[2].Until));
        Assert.Equal((TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(250), (TimeSpan?)null), (timeline[3].At, timeline[3].Every, timeline[3].Until));
        Assert.Equal(6, timeline[0].Origin.Line);
        Assert.NotNull(result.Plan.Scenarios[0].Script);
    }

    [Fact]
    public void MsReadsDurationsByTheEngineGrammarForArithmeticOnTimes()
    {
        var result = Load("""
            if (plan.ms("1m30s") !== 90000 || plan.ms("250us") !== 0.25 || plan.ms("0s") !== 0) throw new Error("ms");
            plan.at(`${plan.ms("2s") + plan.ms("500ms")}ms`, run => {});
            """);
        Assert.True(result.Success, result.FormatErrors());
        Assert.Equal(TimeSpan.FromMilliseconds(2500), Assert.Single(Assert.Single(result.Plan!.Scenarios).Timeline).At);

        var bad = Load("plan.ms(\"soon\");");
        Assert.Contains("plan.ms(): 'soon' is not a duration", Assert.Single(bad.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HooksPhasesLifecycleAndClaimsAreRecorded()
    {
        var result = Load("""
            plan.on("telegram", { device: "b", comId: 1000, source: "10.0.0.1", sample: 10 }, (ev, run) => {});
            plan.on("timeout", ev => {});
            plan.on("phase", ev => {});
            plan.on("end", s => {});
            plan.phase({ name: "warm", duration: "30s", pdRate: 0.5 });
            plan.phase({ name: "peak", duration: "1m", ramp: "10s", pdRate: 3, mdRate: 2, activeFraction: 0.25, device: "a", telegram: "out", tags: ["load"] });
            plan.lifecycle({ activeFor: "5m", settle: "20s" });
            plan.claim("a", "b");
            """);
        Assert.True(result.Success, result.FormatErrors());
        var scenario = Assert.Single(result.Plan!.Scenarios);
        Assert.Equal([HookKind.Telegram, HookKind.Timeout, HookKind.Phase, HookKind.End], scenario.Hooks.ConvertAll(h => h.Kind));
        var hook = scenario.Hooks[0];
        Assert.Equal(("b", (uint?)1000, 0x0A000001u, 10), (hook.Device, hook.ComId, hook.Source, hook.Sample));
        Assert.Equal(["warm", "peak"], scenario.Phases.ConvertAll(p => p.Name));
        var peak = scenario.Phases[1];
        Assert.Equal((TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(10), 3.0, 2.0, 0.25, "a", "out"),
            (peak.Duration, peak.Ramp, peak.PdRate, peak.MdRate, peak.ActiveFraction, peak.Select.Device, peak.Select.Telegram));
        Assert.Equal(["load"], peak.Tags);
        Assert.Equal((TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(20)), (scenario.ActiveFor, scenario.Settle));
        Assert.Equal(["a", "b"], scenario.Claims);
        Assert.Empty(PlanValidator.Validate(result.Plan));
    }

    [Fact]
    public void ADescriptionOnlyScenarioKeepsNoEngine()
    {
        var result = Load("plan.phase({ duration: \"1s\" });");
        Assert.True(result.Success, result.FormatErrors());
        Assert.Null(result.Plan!.Scenarios[0].Script);
    }

    [Theory]
    [InlineData("plan.at(\"soon\", run => {});", "plan.at(): 'soon' is not a duration")]
    [InlineData("plan.at(\"1s\", 5);", "plan.at() expects a function to call")]
    [InlineData("plan.every(\"0s\", run => {});", "plan.every(): '0s' is not a positive duration")]
    [InlineData("plan.at(\"-1s\", run => {});", "plan.at(): '-1s' is not a duration (must not be negative)")]
    [InlineData("plan.phase({ duration: \"-10ms\" });", "'duration' in plan.phase() '-10ms' is not a duration: must not be negative")]
    [InlineData("plan.every(\"1s\", run => {}, { start: \"5s\", until: \"2s\" });", "'until' must be later than the first call")]
    [InlineData("plan.on(\"sent\", ev => {});", "plan.on() expects an event name: telegram, timeout, mdRequest, phase or end (got 'sent')")]
    [InlineData("plan.on(\"end\", { comId: 1 }, s => {});", "plan.on(\"end\") takes no options")]
    [InlineData("plan.on(\"telegram\", { comid: 1 }, ev => {});", "comid")]
    [InlineData("plan.on(\"timeout\", { comId: 1000, sample: 5 }, ev => {});", "unknown option 'sample'")] // a timeout hook sees every timeout
    [InlineData("plan.on(\"timeout\", { source: \"10.0.0.1\" }, ev => {});", "unknown option 'source'")] // a timeout has no sender
    [InlineData("plan.phase({ name: \"x\" });", "plan.phase() needs 'duration'")]
    [InlineData("plan.phase({ duration: \"0s\" });", "'duration' must be positive")]
    [InlineData("plan.phase({ duration: \"1s\", activeFraction: 2 });", "'active-fraction' must be between 0 and 1")]
    [InlineData("plan.phase({ duration: \"1s\", pdRate: 0 });", "'pd-rate' must be a multiplier above 0")]
    [InlineData("plan.phase({ duration: \"1s\", ramp: \"2s\" });", "'ramp' must not be longer than the phase's duration")]
    [InlineData("plan.lifecycle({ activeFor: \"0s\" });", "'active-for' must be positive")]
    [InlineData("plan.claim(3);", "plan.claim() expects device names")]
    public void BadCallsAreErrorsAtTheirLine(string call, string message)
    {
        // What the front end cannot take and what the plan validator refuses, both at the call.
        var result = Load(call).Validated();
        var error = Assert.Single(result.Errors);
        Assert.Equal(6, error.Location.Line);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plan.phase({ duration: \"1s\", device: \"b\" });", "phase 'phase 1' selects no cyclic publication")]
    [InlineData("plan.phase({ duration: \"1s\", telegram: \"nope\" });", "selects no cyclic publication")]
    [InlineData("plan.on(\"telegram\", { comId: 7 }, ev => {});", "the telegram hook can never fire: no subscription with comId 7")]
    [InlineData("plan.on(\"timeout\", { device: \"a\" }, ev => {});", "the timeout hook can never fire: no subscription on device 'a'")]
    [InlineData("plan.claim(\"c\");", "drives device 'c', which the plan does not define")]
    public void ScenarioItemsThatCannotWorkAreCompileErrors(string call, string message)
    {
        var result = Load(call);
        Assert.True(result.Success, result.FormatErrors());
        var error = Assert.Single(PlanValidator.Validate(result.Plan!));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoScenariosDrivingOneDeviceConflict()
    {
        var first = Load("plan.phase({ duration: \"1s\", device: \"a\" });", "first.js");
        var second = ScenarioLoader.Load("export default function (plan) {\n  plan.claim(\"b\", \"a\");\n}", "second.js", new Dictionary<string, string>());
        Assert.True(first.Success && second.Success);
        var plan = first.Plan!;
        plan.Scenarios.Add(second.Plan!.Scenarios[0]);
        var error = Assert.Single(PlanValidator.Validate(plan));
        Assert.Equal("second.js", error.Location.File);
        Assert.Contains("scenario 'second' and scenario 'first' (at first.js:6:", error.Message, StringComparison.Ordinal);
        Assert.Contains("both drive device 'a'", error.Message, StringComparison.Ordinal);
    }
}
