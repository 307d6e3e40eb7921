using TrdpSim.IntegrationTests.Cli;
using TrdpSim.Cli;
using TrdpSim.Cli.Commands;

namespace TrdpSim.IntegrationTests.Scenarios;

/// <summary><c>trdpsim run</c> with scenarios end to end (in-memory transport): exit codes from verdicts and
/// script errors, the scenario section of the summary JSON, and runs composed of several files.</summary>
public sealed class ScenarioRunCommandTests : IDisposable
{
    private const string Standalone = """
        export default function (plan) {
          plan.network({ transport: "in-memory" });
          const a = plan.device({ name: "a", address: "10.0.0.2" });
          const b = plan.device({ name: "b", address: "10.0.0.3" });
          a.publish({ name: "out", comId: 1000, payloadLength: 16, cycle: "10ms", destination: "10.0.0.3" });
          b.subscribe({ name: "in", comId: 1000, timeout: "2s" });

        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("trdpsim-scenario-run-").FullName;

    [Fact]
    public async Task AVerdictFromTheEndHookFailsTheRunWithExitCodeOne()
    {
        var script = Write("verdict.js", Standalone + """
              plan.on("end", (s, run) => { if (s.sent > 0) run.fail("saw " + s.sent + " sent"); });
            }
            """);
        var (code, summary) = await RunAsync(script);
        Assert.Equal(ExitCodes.ThresholdsFailed, code);
        var failure = Assert.Single(summary.RootElement.GetProperty("thresholds").GetProperty("failures").EnumerateArray());
        Assert.StartsWith("verdict: saw ", failure.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("verdict.js:7:48", failure.GetProperty("origin").GetString(), StringComparison.Ordinal);
        var scenario = Assert.Single(summary.RootElement.GetProperty("scenarios").GetProperty("list").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, scenario.GetProperty("error").ValueKind);
    }

    [Fact]
    public async Task AScriptErrorEndsTheRunWithExitCodeThree()
    {
        var script = Write("broken.js", Standalone + """
              plan.at("100ms", run => run.setCycle("nope", "1s"));
            }
            """);
        var (code, summary) = await RunAsync(script);
        Assert.Equal(ExitCodes.RuntimeError, code);
        var scenario = Assert.Single(summary.RootElement.GetProperty("scenarios").GetProperty("list").EnumerateArray());
        Assert.Contains("broken.js:7:", scenario.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("settled", scenario.GetProperty("state").GetString());
    }

    [Fact]
    public async Task ABaseConfigAndAnOverlayScenarioPlayAsOneRun()
    {
        var config = Write("base.toml", CliFiles.PairToml);
        var overlay = Write("loss.js", """
            export default function (plan) {
              plan.fault({ name: "drop", kind: "loss", device: "a", probability: 0.5 });
              plan.lifecycle({ settle: "100ms" });
            }
            """);
        var (code, summary) = await RunAsync(config, overlay);
        Assert.Equal(ExitCodes.Ok, code);
        var fault = Assert.Single(summary.RootElement.GetProperty("faults").EnumerateArray());
        Assert.Equal("drop", fault.GetProperty("name").GetString());
        Assert.True(fault.GetProperty("strikes").GetInt64() > 0);
    }

    [Fact]
    public async Task TwoOverlaysDrivingOneDeviceAreRefused()
    {
        var config = Write("base.toml", CliFiles.PairToml);
        var first = Write("one.js", "export default function (plan) { plan.fault({ kind: \"loss\", device: \"a\", probability: 0.1 }); }");
        var second = Write("two.js", "export default function (plan) { plan.claim(\"a\"); }");
        var code = await CommandLine.InvokeAsync(["run", config, first, second, "--duration", "1s", "--no-progress", "--metrics", "off"]);
        Assert.Equal(ExitCodes.Usage, code);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private async Task<(int Code, JsonDocument Summary)> RunAsync(params string[] files)
    {
        var json = Path.Combine(_dir, "summary.json");
        string[] args = ["run", .. files, "--duration", "1s", "--no-progress", "--metrics", "off", "--summary-json", json];
        var code = await CommandLine.InvokeAsync(args);
        return (code, JsonDocument.Parse(await File.ReadAllBytesAsync(json)));
    }
}
