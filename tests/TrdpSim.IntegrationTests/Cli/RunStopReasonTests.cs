namespace TrdpSim.IntegrationTests.Cli;

/// <summary>An interrupted run does not look like a finished one: SIGINT and SIGTERM end it with the shell's
/// exit codes (130, 143), and the summary and the JSON manifest say why the run stopped.</summary>
[Collection(ChildProcessCollection.Name)]
public sealed class RunStopReasonTests : IDisposable
{
    private readonly CliFiles _files = new();

    [Theory]
    [InlineData("INT", 130, "interrupted (SIGINT)")]
    [InlineData("TERM", 143, "interrupted (SIGTERM)")]
    public async Task ASignalEndsTheRunAsInterrupted(string signal, int exitCode, string reason)
    {
        string json = _files.PathOf("summary.json");
        TrdpSimResult result = await TrdpSimProcess.RunAsync(
            ["run", _files.Pair, "--duration", "2m", "--no-progress", "--metrics", "off", "--summary-json", json], "trdpsim: running", signal);
        Assert.True(result.ExitCode == exitCode, result.ToString());
        Assert.Contains("trdpsim summary", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("stopped: " + reason, result.Stdout, StringComparison.Ordinal);
        using JsonDocument summary = JsonDocument.Parse(File.ReadAllBytes(json));
        JsonElement manifest = summary.RootElement.GetProperty("manifest");
        Assert.Equal(reason, manifest.GetProperty("stopReason").GetString());
        Assert.Equal(120, manifest.GetProperty("durationRequestedSeconds").GetDouble());
        Assert.InRange(manifest.GetProperty("durationActualSeconds").GetDouble(), 0, 60);
    }

    [Fact]
    public async Task ARunThatReachesItsDurationIsCompleted()
    {
        string json = _files.PathOf("summary.json");
        TrdpSimResult result = await TrdpSimProcess.RunAsync("run", _files.Pair, "--duration", "1s", "--no-progress", "--metrics", "off", "--summary-json", json);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("stopped: completed", result.Stdout, StringComparison.Ordinal);
        using JsonDocument summary = JsonDocument.Parse(File.ReadAllBytes(json));
        Assert.Equal("completed", summary.RootElement.GetProperty("manifest").GetProperty("stopReason").GetString());
    }

    public void Dispose() => _files.Dispose();
}
