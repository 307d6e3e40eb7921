using TrdpSim.Faults;
using TrdpSim.Plan.Faults;
using TrdpSim.Tests.Infrastructure;

namespace TrdpSim.Tests.Faults;

/// <summary>Faults from TOML, from a scenario and from a key-value set: the same keys, words and limits,
/// and errors at the exact position.</summary>
public sealed class FaultConfigurationTests
{
    private const string Devices =
        "[[device]]\nname = \"a\"\naddress = \"127.0.0.2\"\n[[device.publish]]\nname = \"out\"\ncom-id = 5\ndestination = \"127.0.0.3\"\n";

    [Fact]
    public void SampleFaultConfigLoadsAndValidates()
    {
        var result = TomlPlanLoader.LoadFile(Path.Combine(RepositoryRoot.Require(), "configs", "faults.toml")).Validated();
        Assert.True(result.Success, result.FormatErrors());
        var plan = result.Plan!;
        Assert.Empty(PlanValidator.Validate(plan));
        Assert.Equal(10, plan.Faults.Count);
        var jitter = plan.Faults.Single(f => f.Name == "door-jitter");
        Assert.Equal(FaultKind.Delay, jitter.Kind);
        Assert.Equal("*", jitter.Target.Device);
        Assert.Equal("door-state#3", jitter.Target.Telegram);
        Assert.Equal(TimeSpan.FromSeconds(5), jitter.RampUp);
        Assert.Equal(TimeSpan.FromSeconds(30), jitter.Stop);
        Assert.Equal(SequenceFaultMode.Reset, plan.Faults.Single(f => f.Name == "brake-reboot").SequenceMode);
        Assert.Equal(0x2Au, plan.Faults.Single(f => f.Name == "door-inauguration").EtbTopoCount);
    }

    [Fact]
    public void FaultBenchmarkPlanLoadsWithEveryProcessDataKind()
    {
        var result = TomlPlanLoader.LoadFile(Path.Combine(RepositoryRoot.Require(), "bench", "faults", "all-faults.toml")).Validated();
        Assert.True(result.Success, result.FormatErrors());
        Assert.Empty(PlanValidator.Validate(result.Plan!));
        var kinds = result.Plan!.Faults.Select(f => f.Kind).ToHashSet();
        Assert.Equal(13, kinds.Count);
        Assert.All(kinds, k => Assert.False(FaultKinds.IsMessageData(k)));
    }

    [Fact]
    public void EveryKindAndParameterBindsFromToml()
    {
        const string text = Devices + """
            [[fault]]
            kind = "burst-loss"
            com-id = 5
            good-to-bad = 0.1
            bad-to-good = 0.5
            loss-in-good = 0.01
            loss-in-bad = 0.9
            intensity = 0.5
            [[fault]]
            kind = "malform"
            malformation = "message-type"
            [[fault]]
            name = "r"
            kind = "reorder"
            device = "a"
            telegram = "out"
            depth = 3
            probability = 0.25
            """;
        var result = TomlPlanLoader.Load(text, "t.toml").Validated();
        Assert.True(result.Success, result.FormatErrors());
        var faults = result.Plan!.Faults;
        Assert.Equal("burst-loss-1", faults[0].Name);
        Assert.Equal(5u, faults[0].Target.ComId);
        Assert.Equal((0.1, 0.5, 0.01, 0.9, 0.5), (faults[0].GoodToBad, faults[0].BadToGood, faults[0].LossInGood, faults[0].LossInBad, faults[0].Intensity));
        Assert.Equal(MalformationKind.MessageType, faults[1].Malformation);
        Assert.Equal("malform-2", faults[1].Name);
        Assert.Equal((3, 0.25), (faults[2].Depth, faults[2].Probability));
        Assert.Equal(new SourceLocation("t.toml", 8, 1), faults[0].Origin);
        Assert.Empty(PlanValidator.Validate(result.Plan));
    }

    public static TheoryData<string, int, int, string> TomlErrors() => new()
    {
        { "[[fault]]\nkind = \"lose\"\n", 2, 8, "unknown fault kind 'lose' (expected one of loss, burst-loss, delay" },
        { "[[fault]]\ndevice = \"a\"\n", 1, 1, "a fault needs 'kind'" },
        { "[[fault]]\nkind = \"loss\"\nprobability = 1.5\n", 3, 15, "'probability' must be between 0 and 1, got 1.5" },
        { "[[fault]]\nkind = \"loss\"\ndepth = 2\n", 3, 9, "'depth' does not apply to a 'loss' fault (its own are probability)" },
        { "[[fault]]\nkind = \"loss\"\ncolour = 2\n", 3, 1, "unknown key 'colour' in [[fault]]" },
        { "[[fault]]\nkind = \"sequence\"\nmode = \"rewind\"\n", 3, 8, "'mode': unknown value 'rewind' (expected one of freeze, jump, reset, roll-back)" },
        { "[[fault]]\nkind = \"delay\"\ndelay = \"gauss:1ms\"\n", 3, 9, "'delay': " },
        { "[[fault]]\nkind = \"silence\"\nstart = \"2s\"\nstop = \"1s\"\n", 4, 8, "'stop' (1s) must be after 'start' (2s)" },
        { "[[fault]]\nkind = \"babble\"\nrate-factor = 0.5\n", 3, 15, "'rate-factor' must be between 1 and 1000, got 0.5" },
        { "[[fault]]\nkind = \"loss\"\nstart = 5\n", 3, 9, "'start' needs a unit" },
        { "[[fault]]\nkind = \"loss\"\ncom-id = -1\n", 3, 10, "'com-id' must be between 0 and 4294967295, got -1" },
    };

    [Theory]
    [MemberData(nameof(TomlErrors))]
    public void TomlFaultErrorsHaveTheirPosition(string text, int line, int column, string message)
    {
        // The devices follow the fault, so the case's positions hold and its target strikes something.
        var result = TomlPlanLoader.Load(text + Devices, "t.toml").Validated();
        Assert.False(result.Success);
        var error = Assert.Single(result.Errors);
        Assert.Equal(new SourceLocation("t.toml", line, column), error.Location);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TargetThatMatchesNothingIsAPlanErrorAtTheFault()
    {
        var result = TomlPlanLoader.Load(Devices + "[[fault]]\nkind = \"loss\"\ntelegram = \"in\"\n", "t.toml");
        Assert.True(result.Success, result.FormatErrors());
        var error = Assert.Single(PlanValidator.Validate(result.Plan!));
        Assert.Equal("t.toml:8:1: error: fault 'loss-1': no published telegram matches */in", error.ToString());
    }

    private const string MdDevices = """
        [[device]]
        name = "caller"
        address = "127.0.0.2"
          [[device.md-call]]
          name = "tell"
          com-id = 7
          kind = "notify"
          destination = "127.0.0.3"
        [[device]]
        name = "replier"
        address = "127.0.0.3"
          [[device.md-reply]]
          name = "answer"
          com-id = 7
          protocol = "tcp"

        """;

    [Theory]
    [InlineData("withheld-reply", "replier", null)]
    [InlineData("withheld-reply", "caller", "fault 'withheld-reply-1': no MD replier (md-reply) matches caller")]
    [InlineData("missing-confirm", "caller", "fault 'missing-confirm-1': no MD request caller (md-call of kind \"request\") matches caller")]
    [InlineData("wrong-port-reply", "replier", "fault 'wrong-port-reply-1': no MD replier over UDP (md-reply) matches replier: a TCP reply has no source port of its own")]
    public void MessageDataFaultsAreValidatedByTheRoleTheyNeed(string kind, string device, string? expected)
    {
        var result = TomlPlanLoader.Load(MdDevices + $"[[fault]]\nkind = \"{kind}\"\ndevice = \"{device}\"\n", "t.toml");
        Assert.True(result.Success, result.FormatErrors());
        var errors = PlanValidator.Validate(result.Plan!);
        if (expected is null)
        {
            Assert.Empty(errors);
            return;
        }

        var message = Assert.Single(errors).Message;
        Assert.True(message.Contains(expected, StringComparison.Ordinal), message);
    }

    [Fact]
    public void ScenarioFaultsUseCamelCaseKeys()
    {
        const string script = """
            export default function (plan) {
              plan.device({ name: "a", address: "127.0.0.2" }).publish({ name: "out", comId: 5, destination: "127.0.0.3" });
              const name = plan.fault({ kind: "burst-loss", device: "a", goodToBad: 0.2, badToGood: 0.4, rampUp: "2s", comId: 5 });
              if (name !== "burst-loss-1") throw new Error("name " + name);
              plan.fault({ name: "seq", kind: "sequence", mode: "roll-back", step: 9, start: "1s", stop: "3s" });
            }
            """;
        var result = ScenarioLoader.Load(script, "s.js", new Dictionary<string, string>());
        Assert.True(result.Success, result.FormatErrors());
        var faults = result.Plan!.Faults;
        Assert.Equal((0.2, 0.4), (faults[0].GoodToBad, faults[0].BadToGood));
        Assert.Equal(TimeSpan.FromSeconds(2), faults[0].RampUp);
        Assert.Equal(5u, faults[0].Target.ComId);
        Assert.Equal(new SourceLocation("s.js", 3, 16), faults[0].Origin);
        Assert.Equal((SequenceFaultMode.RollBack, 9u), (faults[1].SequenceMode, faults[1].SequenceStep));
        Assert.Empty(PlanValidator.Validate(result.Plan));
    }

    [Theory]
    [InlineData("plan.fault({ kind: \"loss\", probability: 2 });", "fault 'loss-1': 'probability' must be between 0 and 1, got 2")]
    [InlineData("plan.fault({ kind: \"loss\", rampUp: \"fast\" });", "'rampUp' in plan.fault() 'fast' is not a duration")]
    [InlineData("plan.fault({ kind: \"loss\", lossInBad: 1 });", "plan.fault(): 'lossInBad' does not apply to a 'loss' fault")]
    [InlineData("plan.fault({ kind: \"nope\" });", "plan.fault(): unknown fault kind 'nope'")]
    [InlineData("plan.fault({ kind: \"loss\", colour: 1 });", "unknown option 'colour' in plan.fault()")]
    [InlineData("plan.fault(3);", "plan.fault() expects an options object")]
    public void ScenarioFaultErrorsAreAtTheCall(string call, string message)
    {
        // A device after the call keeps it on line 2 and gives the fault something to strike.
        var script = "export default function (plan) {\n  " + call +
            "\n  plan.device({ name: \"a\", address: \"127.0.0.2\" }).publish({ name: \"out\", comId: 5, destination: \"127.0.0.3\" });\n}\n";
        var result = ScenarioLoader.Load(script, "s.js", new Dictionary<string, string>()).Validated();
        var error = Assert.Single(result.Errors);
        Assert.Equal(2, error.Location.Line);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KeyValueSpecAcceptsBothSpellings()
    {
        Assert.True(FaultSpec.TryParse(
            [new("kind", "delay"), new("delay", "normal:mean=5ms,stddev=1ms"), new("ramp-up", "1s"), new("comId", "7"), new("intensity", "0.5")],
            out var fault, out var errors), string.Join("; ", errors));
        Assert.Equal(FaultKind.Delay, fault.Kind);
        Assert.Equal(TimeSpan.FromSeconds(1), fault.RampUp);
        Assert.Equal(7u, fault.Target.ComId);
        Assert.Equal(0.5, fault.Intensity);
        Assert.Equal(string.Empty, fault.Name);

        Assert.False(FaultSpec.TryParse([new("kind", "loss"), new("probability", "lots"), new("depth", "1"), new("bogus", "1")], out _, out errors));
        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("unknown key 'bogus'", StringComparison.Ordinal));
        Assert.Contains("'probability' must be a number, got 'lots'", errors);
        Assert.Contains(errors, e => e.StartsWith("'depth' does not apply to a 'loss' fault", StringComparison.Ordinal));
    }
}
