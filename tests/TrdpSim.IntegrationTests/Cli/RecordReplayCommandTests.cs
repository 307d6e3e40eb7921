using TrdpSim.IntegrationTests.Daemon;

namespace TrdpSim.IntegrationTests.Cli;

/// <summary><c>trdpsim run --record</c> and <c>trdpsim replay</c> as a user runs them: the summary and its JSON name the
/// recording, and the recording replays — refused while it would leave loopback, sent once mapped onto it.</summary>
[Collection(ChildProcessCollection.Name)]
public sealed class RecordReplayCommandTests : IDisposable
{
    private readonly CliFiles _files = new();

    [Fact]
    public async Task ARecordedRunReplaysOnceItsAddressesAreMappedOntoLoopback()
    {
        var capture = _files.PathOf("pair.pcapng");
        var json = _files.PathOf("summary.json");
        var run = await TrdpSimProcess.RunAsync("run", _files.Pair, "--duration", "1s", "--no-progress", "--metrics", "off", "--summary-json", json,
            "--record", capture, "--record-direction", "sent", "--record-filter", "comid=1000");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("recording: ", run.Stdout, StringComparison.Ordinal);
        using (var summary = JsonDocument.Parse(File.ReadAllBytes(json)))
        {
            var recording = summary.RootElement.GetProperty("recording");
            Assert.Equal(capture, Assert.Single(recording.GetProperty("files").EnumerateArray()).GetString());
            Assert.Equal("sent", recording.GetProperty("direction").GetString());
            Assert.Equal("comid=1000", recording.GetProperty("filter").GetString());
            Assert.InRange(recording.GetProperty("frames").GetInt64(), 50, 200); // 10 ms cycle for 1 s
            Assert.Equal(0, recording.GetProperty("dropped").GetInt64());
            Assert.Equal(new FileInfo(capture).Length, recording.GetProperty("bytes").GetInt64());
            // The writer's CPU is its own figure (a recording's cost), not part of "other".
            var writer = summary.RootElement.GetProperty("cpu").GetProperty("run").GetProperty("threads").GetProperty("capture");
            Assert.True(writer.GetProperty("cpuNs").GetInt64() > 0, writer.ToString());
        }

        // The pair lives on 10.0.0.2/3 (in-memory network): a replay would send there, so it is refused.
        var refused = await TrdpSimProcess.RunAsync("replay", capture);
        Assert.True(refused.ExitCode == 2, refused.ToString());
        Assert.Contains("refusing to send outside the loopback range (10.0.0.2, 10.0.0.3); map them onto loopback with --address-map", refused.Stderr, StringComparison.Ordinal);

        var (net, _) = LoopbackPlans.Allocate();
        var replayJson = _files.PathOf("replay.json");
        var replay = await TrdpSimProcess.RunAsync("replay", capture, "--speed", "max", "--address-map", $"10.0.0.0/24={Ip4Endpoint.FormatAddress(net)}/24",
            "--summary-json", replayJson);
        Assert.True(replay.ExitCode == 0, replay.ToString());
        using var result = JsonDocument.Parse(File.ReadAllBytes(replayJson));
        var frames = result.RootElement.GetProperty("frames").GetInt64();
        Assert.True(frames >= 50, replay.ToString());
        Assert.Equal(frames, result.RootElement.GetProperty("sent").GetInt64());
        Assert.Equal("max", result.RootElement.GetProperty("speed").GetString());
        Assert.Equal(frames, result.RootElement.GetProperty("rewrites").GetProperty("addressesMapped").GetInt64());
    }

    [Fact]
    public async Task AnUnreadableCaptureIsAUsageError()
    {
        var text = _files.Write("notes.pcap", "not a capture");
        var result = await TrdpSimProcess.RunAsync("replay", text);
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("at byte 0: not a pcap or pcapng file", result.Stderr, StringComparison.Ordinal);
    }

    public void Dispose() => _files.Dispose();
}
