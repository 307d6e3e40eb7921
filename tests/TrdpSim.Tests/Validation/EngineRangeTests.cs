namespace TrdpSim.Tests.Validation;

/// <summary>The ranges of the engine's settings are the plan validator's, as every other range: a plan is held
/// to them whichever source wrote it, and the error points at the value in the file it came from.</summary>
public sealed class EngineRangeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("trdpsim-engine-ranges-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void APlanBuiltInCodeIsHeldToTheEngineRanges()
    {
        var plan = new RunPlan();
        plan.Engine.SendGrid = TimeSpan.FromSeconds(1);
        plan.Engine.SpinWindow = TimeSpan.FromMilliseconds(5);
        plan.Engine.RealtimePriority = 0;
        plan.Engine.StallThreshold = TimeSpan.FromMicroseconds(1);
        plan.Engine.FullCollectionEvery = TimeSpan.FromDays(2);
        plan.Engine.ReceiveInterval = TimeSpan.FromMilliseconds(-1);

        var messages = PlanValidator.Validate(plan).Select(e => e.Message).ToList();

        Assert.Contains("'send-grid' must be between 1us and 100ms", messages);
        Assert.Contains("'spin-window' must be \"auto\" or a duration from 0 to 1ms, not \"5ms\"", messages);
        Assert.Contains("'realtime-priority' must be between 1 and 99, got 0", messages);
        Assert.Contains("'stall-threshold' must be between 100us and 10s", messages);
        Assert.Contains("'full-collection-every' must be between 1m and 24h", messages);
        Assert.Contains("'receive-interval' must be a duration from 0 to 10ms, not \"-1ms\"", messages);
    }

    [Fact]
    public void ANegativeSpinWindowIsReportedNotThrown()
    {
        var plan = new RunPlan();
        plan.Engine.SpinWindow = TimeSpan.FromMicroseconds(-5);

        var messages = PlanValidator.Validate(plan).Select(e => e.Message).ToList();

        Assert.Contains("'spin-window' must be \"auto\" or a duration from 0 to 1ms, not \"-5us\"", messages);
    }

    [Fact]
    public void AScenarioIncludingAnOutOfRangeEngineIsRefusedAsTheTomlFileIs()
    {
        string toml = Path.Combine(_dir, "engine.toml");
        File.WriteAllText(toml, "[engine]\nsend-grid = \"1s\"\n");
        string script = Path.Combine(_dir, "scenario.js");
        File.WriteAllText(script, "export default function (plan) {\n  plan.include(\"engine.toml\");\n}\n");

        PlanError fromToml = SendGridError(TomlPlanLoader.LoadFile(toml).Validated());
        PlanError fromScript = SendGridError(ScenarioLoader.LoadFile(script, new Dictionary<string, string>()).Validated());

        Assert.Equal("'send-grid' must be between 1us and 100ms", fromScript.Message);
        Assert.Equal((Path.GetFullPath(toml), 2, 13), (Path.GetFullPath(fromScript.Location.File), fromScript.Location.Line, fromScript.Location.Column));
        Assert.Equal(fromToml.Message, fromScript.Message);
        Assert.Equal((fromToml.Location.Line, fromToml.Location.Column), (fromScript.Location.Line, fromScript.Location.Column));
    }

    private static PlanError SendGridError(PlanLoadResult result) =>
        Assert.Single(result.Errors, e => e.Message.Contains("send-grid", StringComparison.Ordinal));
}
