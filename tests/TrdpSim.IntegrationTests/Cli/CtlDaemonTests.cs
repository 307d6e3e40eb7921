using System.Text;
using TrdpSim.Control;
using TrdpSim.Control.Security;
using TrdpSim.Hosting.Daemon;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

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
        File.WriteAllText(path, $$"""
            [run]
            name = "{{name}}"
            [network]
            transport = "in-memory"
            [[dataset]]
            id = 1001
            name = "state"
              [[dataset.element]]
              name = "life"
              type = "UINT16"
            [[device]]
            name = "A"
            address = "10.9.0.1"
              [[device.publish]]
              name = "out"
              com-id = 1000
              dataset = 1001
              cycle = "10ms"
              destination = "10.9.0.2"
            [[device]]
            name = "B"
            address = "10.9.0.2"
              [[device.subscribe]]
              name = "in"
              com-id = 1000
              source = "10.9.0.1"
              timeout = "1s"
            {{extra}}
            """);
        return path;
    }

    [Fact]
    public async Task Ctl_drives_a_live_daemon_through_a_run_and_follows_the_exit_code_rules()
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
    public async Task Ctl_watch_prints_server_sent_events_of_the_topics_asked_for()
    {
        // A stand-in for the event stream: two events in the documented format, then the stream stays open.
        string? asked = null;
        await using var registry = new RunRegistry(new RunRegistryOptions { Log = TextWriter.Null });
        await using var server = await ControlServer.StartAsync(new ControlServerOptions
        {
            Urls = ["http://127.0.0.1:0"],
            Runs = registry,
            Token = ControlToken.Of("t"),
            PluginDirectory = _folder,
            MoreEndpoints =
            [
                app => app.MapGet("/api/events", async (HttpContext context, string topics) =>
                {
                    asked = topics;
                    context.Response.ContentType = "text/event-stream";
                    await context.Response.WriteAsync(": hello\n\nid: 1\nevent: control\ndata: {\"action\":\"pause\"}\n\nid: 2\nevent: control\ndata: {\"action\":\"resume\"}\n\n");
                    await context.Response.Body.FlushAsync();
                    await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { });
                }),
            ],
        });
        var result = await TrdpSimProcess.RunAsync("ctl", "watch", "control", "faults", "--count", "2", "--url", server.Addresses[0].ToString(), "--token-file", Path.Combine(_folder, "none"));
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("control,faults", asked);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["control {\"action\":\"pause\"}", "control {\"action\":\"resume\"}"], lines.Select(l => l.TrimEnd('\r')));
    }
}
