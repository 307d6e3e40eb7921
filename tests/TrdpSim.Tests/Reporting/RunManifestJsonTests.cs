using System.Security.Cryptography;
using System.Text;

namespace TrdpSim.Tests.Reporting;

/// <summary>The run manifest as JSON: every field, UTC ISO-8601 times, seconds, the stop reason's stable text.</summary>
public sealed class RunManifestJsonTests
{
    private static readonly HostDescription Host = new("bench-1", "Debian GNU/Linux 12 (bookworm)", "6.1.0-18-amd64", "x64", 8, ".NET 10.0.1", true);

    [Fact]
    public void WritesEveryField()
    {
        var manifest = new RunManifest
        {
            StartedAt = new DateTime(2025, 1, 31, 12, 0, 0, DateTimeKind.Utc),
            StoppedAt = new DateTime(2025, 1, 31, 12, 0, 30, 250, DateTimeKind.Utc),
            StopReason = RunStopReason.InterruptedSigTerm,
            DurationRequested = TimeSpan.FromMinutes(5),
            DurationActual = TimeSpan.FromSeconds(30.25),
            Seed = ulong.MaxValue,
            Version = "1.2.3",
            Commit = "abc1234",
            CommandLine = ["run", "a.toml"],
            Parameters = [new ParameterValue("cycle", "20ms", "s.js")],
            Inputs = [new InputFile("a.toml", new string('0', 64), 12)],
            Host = Host,
        };

        JsonElement m = Write(manifest);
        Assert.Equal("2025-01-31T12:00:00.000Z", m.GetProperty("startedAt").GetString());
        Assert.Equal("2025-01-31T12:00:30.250Z", m.GetProperty("stoppedAt").GetString());
        Assert.Equal("interrupted (SIGTERM)", m.GetProperty("stopReason").GetString());
        Assert.Equal(300, m.GetProperty("durationRequestedSeconds").GetDouble());
        Assert.Equal(30.25, m.GetProperty("durationActualSeconds").GetDouble());
        Assert.Equal(ulong.MaxValue, m.GetProperty("seed").GetUInt64());
        Assert.Equal("1.2.3", m.GetProperty("trdpsim").GetProperty("version").GetString());
        Assert.Equal("abc1234", m.GetProperty("trdpsim").GetProperty("commit").GetString());
        Assert.Equal(["run", "a.toml"], m.GetProperty("commandLine").EnumerateArray().Select(a => a.GetString()));
        JsonElement parameter = Assert.Single(m.GetProperty("parameters").EnumerateArray());
        Assert.Equal(("cycle", "20ms", "s.js"), (parameter.GetProperty("name").GetString(), parameter.GetProperty("value").GetString(), parameter.GetProperty("file").GetString()));
        JsonElement input = Assert.Single(m.GetProperty("inputs").EnumerateArray());
        Assert.Equal(12, input.GetProperty("bytes").GetInt64());
        JsonElement host = m.GetProperty("host");
        Assert.Equal("bench-1", host.GetProperty("hostname").GetString());
        Assert.Equal("6.1.0-18-amd64", host.GetProperty("kernel").GetString());
        Assert.Equal(8, host.GetProperty("cpuCount").GetInt32());
        Assert.True(host.GetProperty("nativeAot").GetBoolean());
    }

    [Fact]
    public void ARunWithoutDurationRecordsNullAsRequested()
    {
        JsonElement m = Write(new RunManifest
        {
            StartedAt = DateTime.UtcNow,
            StoppedAt = DateTime.UtcNow,
            StopReason = RunStopReason.Completed,
            DurationActual = TimeSpan.Zero,
            Seed = 1,
            Host = Host,
        });
        Assert.Equal(JsonValueKind.Null, m.GetProperty("durationRequestedSeconds").ValueKind);
    }

    [Theory]
    [InlineData(RunStopReason.Completed, "completed")]
    [InlineData(RunStopReason.InterruptedSigInt, "interrupted (SIGINT)")]
    [InlineData(RunStopReason.InterruptedSigTerm, "interrupted (SIGTERM)")]
    [InlineData(RunStopReason.ThresholdAbort, "threshold abort")]
    [InlineData(RunStopReason.ScenarioStop, "scenario stop")]
    [InlineData(RunStopReason.Error, "error")]
    public void StopReasonsHaveStableText(RunStopReason reason, string text) => Assert.Equal(text, RunStopReasons.Label(reason));

    [Fact]
    public void AFolderStandsForEveryFileInItInPathOrderWithContentHashes()
    {
        string dir = Directory.CreateTempSubdirectory("trdpsim-inputs-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, "lib"));
            File.WriteAllText(Path.Combine(dir, "plugin.toml"), "name = \"p\"\n");
            File.WriteAllText(Path.Combine(dir, "lib", "a.js"), "export default function (plan) {}\n");
            string missing = Path.Combine(dir, "gone.toml");

            IReadOnlyList<InputFile> inputs = InputFile.Describe([dir, missing]);

            Assert.Equal([Path.Combine(dir, "lib", "a.js"), Path.Combine(dir, "plugin.toml"), missing], inputs.Select(i => i.Path));
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("name = \"p\"\n"))), inputs[1].Sha256);
            Assert.Equal(11, inputs[1].Bytes);
            Assert.Equal((null, -1L), (inputs[2].Sha256, inputs[2].Bytes)); // recorded, not fatal
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void TheBuildNamesItsCommit() =>
        Assert.Matches("^([0-9a-f]{7,40}|unknown)$", BuildInfo.Commit);

    private static JsonElement Write(RunManifest manifest)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            RunManifestJson.Write(json, manifest);
        }

        return JsonDocument.Parse(stream.ToArray()).RootElement.Clone();
    }
}
