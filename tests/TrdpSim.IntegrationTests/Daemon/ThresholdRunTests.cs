using TrdpSim.IntegrationTests.Cli;
using TrdpSim.Cli;
using TrdpSim.Cli.Commands;

namespace TrdpSim.IntegrationTests.Daemon;

/// <summary><c>trdpsim run</c> end to end on the in-memory transport: the exit code and the summary JSON
/// follow the thresholds, and abort-on-fail ends a long run early.</summary>
public sealed class ThresholdRunTests : IDisposable
{
    private const string SilentPublisher = CliFiles.LoneSubscriberToml;

    private static readonly Dictionary<string, string> NoParameters = [];

    private readonly string _dir = Directory.CreateTempSubdirectory("trdpsim-thresholds-").FullName;

    [Fact]
    public async Task SilentPublisherFailsCountEqualsZeroWithExitCodeOne()
    {
        string config = Write(SilentPublisher + """

            [[threshold]]
            metric = "pd_timeouts{device=b,telegram=in}"
            rule = "count == 0"
            """);
        (int code, JsonDocument summary) = await RunAsync(config, "2s");
        using (summary)
        {
            Assert.Equal(ExitCodes.ThresholdsFailed, code);
            JsonElement thresholds = summary.RootElement.GetProperty("thresholds");
            Assert.False(thresholds.GetProperty("passed").GetBoolean());
            JsonElement result = thresholds.GetProperty("results")[0];
            Assert.False(result.GetProperty("passed").GetBoolean());
            Assert.True(result.GetProperty("observed").GetDouble() >= 1);
            Assert.EndsWith("run.toml:14:8", result.GetProperty("origin").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task HealthyRunPassesWithExitCodeZero()
    {
        string config = Write(CliFiles.PairToml + """

            [[threshold]]
            metric = "pd_received{device=b}"
            rules = ["count > 0", "per_second > 10"]

            [[threshold]]
            metric = "pd_loss_ratio"
            rule = "rate < 0.5"
            over = "1s"
            """);
        (int code, JsonDocument summary) = await RunAsync(config, "2s");
        using (summary)
        {
            Assert.Equal(ExitCodes.Ok, code);
            Assert.True(summary.RootElement.GetProperty("thresholds").GetProperty("passed").GetBoolean());
            Assert.Equal(3, summary.RootElement.GetProperty("thresholds").GetProperty("results").GetArrayLength());
        }
    }

    [Fact]
    public async Task AbortOnFailEndsALongRunAfterTheGrace()
    {
        string config = Write(SilentPublisher + """

            [[threshold]]
            metric = "pd_timeouts"
            rule = "count == 0"
            abort-on-fail = true
            grace = "1s"
            """);
        var clock = Stopwatch.StartNew();
        (int code, JsonDocument summary) = await RunAsync(config, "10m");
        using (summary)
        {
            // "Did not hang": the run was asked for ten minutes and ended on the abort.
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2), $"run took {clock.Elapsed}");
            Assert.Equal(ExitCodes.ThresholdsFailed, code);
            JsonElement thresholds = summary.RootElement.GetProperty("thresholds");
            Assert.StartsWith("threshold pd_timeouts: count == 0 failed at ", thresholds.GetProperty("abortReason").GetString(), StringComparison.Ordinal);
            Assert.True(thresholds.GetProperty("results")[0].GetProperty("abortedRun").GetBoolean());
            Assert.True(summary.RootElement.GetProperty("elapsedSeconds").GetDouble() >= 1);
            Assert.Equal("threshold abort", summary.RootElement.GetProperty("manifest").GetProperty("stopReason").GetString());
        }
    }

    [Fact]
    public async Task SelectorMatchingNothingIsAUsageError()
    {
        string config = Write(SilentPublisher + """

            [[threshold]]
            metric = "pd_timeouts{device=nobody}"
            rule = "count == 0"
            """);
        int code = await CommandLine.InvokeAsync(["run", config, "--duration", "1s", "--no-progress", "--metrics", "off"]);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal(ExitCodes.Usage, ValidateCommand.Execute([config], NoParameters));
    }

    [Fact]
    public void ValidateAcceptsThresholdsThatMatch()
    {
        string config = Write(CliFiles.PairToml + """

            [[threshold]]
            metric = "pd_jitter{device=b,telegram=in}"
            rule = "p(99) < 5ms"
            """);
        Assert.Equal(ExitCodes.Ok, ValidateCommand.Execute([config], NoParameters));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string toml)
    {
        string path = Path.Combine(_dir, "run.toml");
        File.WriteAllText(path, toml);
        return path;
    }

    private async Task<(int Code, JsonDocument Summary)> RunAsync(string config, string duration)
    {
        string json = Path.Combine(_dir, "summary.json");
        // --stalls-in-verdicts: these tests are about verdicts and aborts, and on a busy host the one timeout of the
        // silent publisher can fall inside a stall of trdpsim's own wheel — self-inflicted, kept out of the verdict
        // by default, so "count == 0" would hold and the ten-minute run would play to its end.
        int code = await CommandLine.InvokeAsync(
            ["run", config, "--duration", duration, "--no-progress", "--metrics", "off", "--stalls-in-verdicts", "--summary-json", json]);
        return (code, JsonDocument.Parse(await File.ReadAllBytesAsync(json)));
    }
}
