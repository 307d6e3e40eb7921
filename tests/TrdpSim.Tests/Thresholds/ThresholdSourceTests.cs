using TrdpSim.Configuration;
using TrdpSim.Plan;
using TrdpSim.Scenarios;

namespace TrdpSim.Tests.Thresholds;

/// <summary>Thresholds from TOML <c>[[threshold]]</c> tables and from <c>plan.threshold()</c>.</summary>
public sealed class ThresholdSourceTests
{
    [Fact]
    public void TomlTablesBindEveryRuleWithTheTableOptions()
    {
        const string text = """
            [[threshold]]
            metric = "pd_loss_ratio{comId=1000}"
            rule = "rate < 0.01"

            [[threshold]]
            metric = "pd_send_lateness{device=a}"
            rules = ["p(99) < 2ms", "max < 10ms"]
            over = "60s"
            for = "5m"
            abort-on-fail = true
            grace = "10s"
            """;
        PlanLoadResult result = TomlPlanLoader.Load(text, "t.toml").Validated();
        Assert.True(result.Success, result.FormatErrors());
        List<ThresholdPlan> thresholds = result.Plan!.Thresholds;
        Assert.Equal(3, thresholds.Count);
        Assert.Equal("pd_loss_ratio{comId=1000}: rate < 0.01", thresholds[0].Text);
        Assert.Equal("t.toml:3:8", thresholds[0].Origin.ToString());
        Assert.False(thresholds[0].AbortOnFail);
        Assert.Null(thresholds[0].Over);
        ThresholdPlan max = thresholds[2];
        Assert.Equal("max < 10ms", max.RuleText);
        Assert.Equal(TimeSpan.FromSeconds(60), max.Over);
        Assert.Equal(TimeSpan.FromMinutes(5), max.For);
        Assert.True(max.AbortOnFail);
        Assert.Equal(TimeSpan.FromSeconds(10), max.Grace);
        Assert.Equal("t.toml:7:25", max.Origin.ToString());
    }

    [Theory]
    // The column points at the offending character inside the string (the string's first character is
    // column 11 after metric = " and column 9 after rule = ").
    [InlineData("metric = \"pd_lots\"\nrule = \"count == 0\"\n", 2, 11, "unknown metric 'pd_lots'")]
    [InlineData("metric = \"pd_lost{colour=red}\"\nrule = \"count == 0\"\n", 2, 19, "unknown tag 'colour' for 'pd_lost'")]
    [InlineData("metric = \"pd_jitter\"\nrule = \"p(99) < 2\"\n", 3, 17, "a latency limit needs a time unit")]
    [InlineData("metric = \"pd_jitter\"\nrules = [\"max < 1ms\", \"avg << 1ms\"]\n", 3, 29, "expected a number after the comparison")]
    [InlineData("metric = \"pd_jitter\"\nrule = \"max < 1ms\"\ncolour = \"red\"\n", 4, 1, "unknown key 'colour' in [[threshold]] (expected metric, rule, rules, over, for, abort-on-fail, grace)")]
    [InlineData("metric = \"pd_jitter\"\n", 1, 1, "missing required key 'rule' in [[threshold]]")]
    [InlineData("rule = \"count == 0\"\n", 1, 1, "missing required key 'metric' in [[threshold]]")]
    [InlineData("metric = \"pd_jitter\"\nrule = \"max < 1ms\"\nover = \"1500ms\"\n", 4, 8, "'over': the window must be a whole number of seconds")]
    [InlineData("metric = \"pd_timed_out\"\nrule = \"value == 0\"\nover = \"10s\"\n", 4, 8, "'pd_timed_out' is a gauge")]
    [InlineData("metric = \"pd_jitter\"\nrule = \"max < 1ms\"\nabort-on-fail = \"yes\"\n", 4, 17, "'abort-on-fail' must be a boolean")]
    [InlineData("metric = \"pd_jitter\"\nrule = \"max < 1ms\"\ngrace = \"soon\"\n", 4, 9, "'grace': invalid duration \"soon\"")]
    [InlineData("metric = \"pd_jitter\"\nrules = [\"max < 1ms\", 3]\n", 3, 23, "'rules' must hold only strings")]
    public void TomlErrorsPointIntoTheText(string body, int line, int column, string message)
    {
        PlanLoadResult result = TomlPlanLoader.Load("[[threshold]]\n" + body, "t.toml").Validated();
        Assert.False(result.Success);
        PlanError error = Assert.Single(result.Errors);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal((line, column), (error.Location.Line, error.Location.Column));
    }

    [Fact]
    public void ScenarioThresholdsTakeStringsObjectsAndLists()
    {
        PlanLoadResult result = LoadScript("""
            export default function (plan) {
              plan.threshold("pd_loss_ratio{comId=1000}", "rate < 0.01");
              plan.threshold("pd_send_lateness{device=a}", [
                "p(99) < 2ms",
                { rule: "max < 10ms", over: "60s", abortOnFail: true, grace: "10s" },
              ]);
              plan.threshold("pd_timed_out", { rule: "value == 0", for: "5m" });
            }
            """);
        Assert.True(result.Success, result.FormatErrors());
        List<ThresholdPlan> thresholds = result.Plan!.Thresholds;
        Assert.Equal(4, thresholds.Count);
        Assert.Equal(2, thresholds[0].Origin.Line);
        Assert.Equal("p(99) < 2ms", thresholds[1].RuleText);
        Assert.Null(thresholds[1].Over);
        Assert.Equal(TimeSpan.FromSeconds(60), thresholds[2].Over);
        Assert.True(thresholds[2].AbortOnFail);
        Assert.Equal(TimeSpan.FromSeconds(10), thresholds[2].Grace);
        Assert.Equal(TimeSpan.FromMinutes(5), thresholds[3].For);
    }

    [Theory]
    [InlineData("plan.threshold(\"pd_lots\", \"count == 0\");", "metric 'pd_lots' at character 1: unknown metric 'pd_lots'")]
    [InlineData("plan.threshold(\"pd_jitter\", \"p(99) < 2\");", "rule 'p(99) < 2' at character 9: a latency limit needs a time unit")]
    [InlineData("plan.threshold(\"pd_jitter\", { rule: \"max < 1ms\", colour: 1 });", "unknown option 'colour' in a threshold rule")]
    [InlineData("plan.threshold(\"pd_jitter\", { rule: \"max < 1ms\", abortOnFail: \"yes\" });", "'abortOnFail' in a threshold rule must be true or false")]
    [InlineData("plan.threshold(\"pd_timed_out\", { rule: \"value == 0\", over: \"10s\" });", "'over': 'pd_timed_out' is a gauge")]
    [InlineData("plan.threshold(\"pd_jitter\", []);", "the rule list is empty")]
    [InlineData("plan.threshold(42, \"max < 1ms\");", "expects a metric selector string first")]
    [InlineData("plan.threshold(\"pd_jitter\", 5);", "expects a rule string")]
    public void ScenarioErrorsAreReportedAtTheCall(string call, string message)
    {
        PlanLoadResult result = LoadScript("export default function (plan) {\n  " + call + "\n}");
        PlanError error = Assert.Single(result.Errors);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(2, error.Location.Line);
    }

    private static PlanLoadResult LoadScript(string script)
    {
        string path = Path.Combine(Path.GetTempPath(), $"trdpsim-thresholds-{Guid.NewGuid():N}.js");
        File.WriteAllText(path, script);
        try
        {
            return ScenarioLoader.LoadFile(path, new Dictionary<string, string>()).Validated();
        }
        finally
        {
            File.Delete(path);
        }
    }
}
