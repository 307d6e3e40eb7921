using TrdpSim.Tests.Infrastructure;

namespace TrdpSim.IntegrationTests.Cli;

/// <summary><c>trdpsim ctl</c> against a live <c>trdpsim serve</c> (both child processes): start, status, faults,
/// fields, telegrams, stop, with the exit-code rules (0 ok, 2 refused, 3 unreachable, 1 a failed run).</summary>
public sealed class CtlDaemonTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"trdpsim-ctl-{Guid.NewGuid():N}");

    public CtlDaemonTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Plan(string name, string extra = "")
    {
        var path = Path.Combine(_folder, name + ".toml");
        File.WriteAllText(path, DaemonPairToml.Text(name, extra: extra));
        return path;
    }

    [Fact]
    public async Task CtlDrivesALiveDaemonThroughARunAndFollowsTheExitCodeRules()
    {
        var tokenFile = Path.Combine(_folder, "token");
        await using var serve = await ServeProcess.StartAsync(tokenFile, Path.Combine(_folder, "plugins"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(tokenFile));
        }

        var token = File.ReadAllText(tokenFile).Trim();
        Assert.DoesNotContain(token, serve.Stderr, StringComparison.Ordinal);
        string[] common = ["--url", serve.Url.ToString(), "--token-file", tokenFile];

        async Task<TrdpSimResult> Ctl(params string[] args)
        {
            var result = await TrdpSimProcess.RunAsync(["ctl", .. args, .. common]);
            return result;
        }

        async Task Expect(int code, params string[] args)
        {
            var result = await Ctl(args);
            Assert.True(result.ExitCode == code, $"ctl {string.Join(' ', args)}: expected exit {code}\n{result}");
        }

        var started = await Ctl("start", Plan("live"));
        Assert.True(started.ExitCode == 0, started.ToString());
        var id = started.Stdout.Trim();
        Assert.Matches("^r[0-9]+$", id);

        var status = await Ctl("status", id);
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains("running", status.Stdout, StringComparison.Ordinal);
        var inject = await Ctl("fault", "inject", id, "kind=loss", "name=cut", "telegram=out", "probability=1");
        Assert.True(inject.ExitCode == 0, inject.ToString());
        var list = await Ctl("fault", "list", id);
        Assert.Contains("cut", list.Stdout, StringComparison.Ordinal);
        await Expect(0, "fault", "repair", id, "cut");
        var repairAgain = await Ctl("fault", "repair", id, "cut");
        Assert.True(repairAgain.ExitCode == 2, repairAgain.ToString());
        Assert.Contains("409", repairAgain.Stderr, StringComparison.Ordinal);
        await Expect(2, "field", "lock", id, "out", "life", "42"); // no generator writes it: a 400
        await Expect(0, "field", "set", id, "out", "life", "42");
        var read = await Ctl("field", "get", id, "out", "life");
        Assert.True(read.ExitCode == 0, read.ToString());
        Assert.Contains("42", read.Stdout, StringComparison.Ordinal);
        await Expect(0, "telegram", "cycle", id, "out", "20ms");
        await Expect(0, "pause", id);
        await Expect(2, "pause", id);
        await Expect(0, "stop", id);
        await Expect(2, "status", "r999");

        // A run whose threshold fails: ctl start --wait and ctl status exit 1.
        var failing = await Ctl("start", Plan("failing", "[[threshold]]\nmetric = \"pd_sent\"\nrule = \"count < 1\"\n"), "--duration", "300ms", "--wait");
        Assert.True(failing.ExitCode == 1, failing.ToString());

        // A wrong token is refused (2); nobody listening is 3.
        var wrongFile = Path.Combine(_folder, "wrong");
        File.WriteAllText(wrongFile, "not-the-token");
        var wrong = await TrdpSimProcess.RunAsync("ctl", "stop", id, "--url", serve.Url.ToString(), "--token-file", wrongFile);
        Assert.True(wrong.ExitCode == 2, wrong.ToString());
        Assert.Contains("401", wrong.Stderr, StringComparison.Ordinal);
        var nobody = await TrdpSimProcess.RunAsync("ctl", "status", "--url", "http://127.0.0.1:9", "--token-file", tokenFile);
        Assert.True(nobody.ExitCode == 3, nobody.ToString());

        Assert.Equal(0, await serve.StopAsync());
    }

    [Fact]
    public async Task CtlWatchPrintsTheDaemonRunsControlActionsWithTheirClientAndEndsWithTheRun()
    {
        var tokenFile = Path.Combine(_folder, "token");
        await using var serve = await ServeProcess.StartAsync(tokenFile, Path.Combine(_folder, "plugins"));
        string[] common = ["--url", serve.Url.ToString(), "--token-file", tokenFile];
        var started = await TrdpSimProcess.RunAsync(["ctl", "start", Plan("watched"), .. common]);
        Assert.True(started.ExitCode == 0, started.ToString());
        var id = started.Stdout.Trim();

        // Watch until the run's end; change the cycle until the watcher has seen it (it may connect after the first change).
        var watching = TrdpSimProcess.RunAsync(["ctl", "watch", "run.control", "run.state", "--run", id, .. common]);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(40);
        var cycle = 20;
        while (!watching.IsCompleted && DateTime.UtcNow < deadline)
        {
            var changed = await TrdpSimProcess.RunAsync(["ctl", "telegram", "cycle", id, "out", $"{cycle++}ms", .. common]);
            Assert.True(changed.ExitCode == 0, changed.ToString());
            if (cycle > 22)
            {
                var stop = await TrdpSimProcess.RunAsync(["ctl", "stop", id, .. common]); // the stream ends with the run
                Assert.True(stop.ExitCode == 0, stop.ToString());
                break;
            }

            await Task.Delay(1000);
        }

        var result = await watching;
        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.Contains(lines, l => l.StartsWith("run {", StringComparison.Ordinal) && l.Contains("\"action\":\"set-cycle\"", StringComparison.Ordinal) &&
            l.Contains("\"actor\":\"http:", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("\"action\":\"stop-run\"", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("\"type\":\"run.stopped\"", StringComparison.Ordinal));
        Assert.Contains("the run has ended", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, await serve.StopAsync());
    }
}
