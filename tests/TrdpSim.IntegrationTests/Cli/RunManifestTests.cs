using System.Globalization;
using System.Security.Cryptography;

namespace TrdpSim.IntegrationTests.Cli;

/// <summary>The summary JSON of <c>trdpsim run</c> carries a manifest that makes it a record of the run: when,
/// which build, which seed, parameters and input files (with content hashes), on which host, how it stopped.</summary>
[Collection(ChildProcessCollection.Name)]
public sealed class RunManifestTests : IDisposable
{
    private readonly CliFiles _files = new();

    [Fact]
    public async Task TheSummaryJsonRecordsWhatRanWhereAndHowItEnded()
    {
        string script = _files.Write("pair.js", CliFiles.PairScript);
        string json = _files.PathOf("summary.json");
        DateTimeOffset before = DateTimeOffset.UtcNow.AddSeconds(-1);
        TrdpSimResult result = await TrdpSimProcess.RunAsync(
            "run", script, "--param", "cycle=20ms", "--seed", "42", "--duration", "1s", "--no-progress", "--metrics", "off", "--summary-json", json);
        Assert.True(result.ExitCode == 0, result.ToString());

        using JsonDocument summary = JsonDocument.Parse(File.ReadAllBytes(json));
        JsonElement m = summary.RootElement.GetProperty("manifest");
        DateTimeOffset started = Utc(m.GetProperty("startedAt"));
        DateTimeOffset stopped = Utc(m.GetProperty("stoppedAt"));
        Assert.InRange(started, before, stopped);
        Assert.InRange(stopped, started.AddSeconds(1), DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Matches(@"^\d+\.\d+\.\d+", m.GetProperty("trdpsim").GetProperty("version").GetString());
        Assert.Matches("^([0-9a-f]{7,40}|unknown)$", m.GetProperty("trdpsim").GetProperty("commit").GetString());
        Assert.Equal(42UL, m.GetProperty("seed").GetUInt64());
        Assert.Equal("completed", m.GetProperty("stopReason").GetString());
        Assert.Equal(1, m.GetProperty("durationRequestedSeconds").GetDouble());
        Assert.InRange(m.GetProperty("durationActualSeconds").GetDouble(), 1, 30);
        Assert.Contains("--param", m.GetProperty("commandLine").EnumerateArray().Select(a => a.GetString()));

        // Resolved values: the one given on the command line and the declared default of the other.
        var parameters = m.GetProperty("parameters").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("value").GetString());
        Assert.Equal("20ms", parameters["cycle"]);
        Assert.Equal("x", parameters["label"]);

        JsonElement input = Assert.Single(m.GetProperty("inputs").EnumerateArray());
        Assert.Equal(Path.GetFullPath(script), Path.GetFullPath(input.GetProperty("path").GetString()!));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(script))), input.GetProperty("sha256").GetString());
        Assert.Equal(new FileInfo(script).Length, input.GetProperty("bytes").GetInt64());

        JsonElement host = m.GetProperty("host");
        Assert.Equal(Environment.MachineName, host.GetProperty("hostname").GetString());
        Assert.Equal(Environment.ProcessorCount, host.GetProperty("cpuCount").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(host.GetProperty("os").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(host.GetProperty("kernel").GetString()));
        Assert.Contains(".NET", host.GetProperty("runtime").GetString(), StringComparison.Ordinal);
        Assert.False(host.GetProperty("nativeAot").GetBoolean()); // dotnet exec: the JIT build (tools/aot-smoke.sh checks the native one)
    }

    public void Dispose() => _files.Dispose();

    private static DateTimeOffset Utc(JsonElement text)
    {
        string value = text.GetString()!;
        Assert.EndsWith("Z", value, StringComparison.Ordinal);
        return DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
    }
}
