using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace TrdpSim.IntegrationTests.Cli;

/// <summary><c>trdpsim serve</c> as a child process on a free loopback port, for <c>ctl</c> tests: started, its
/// address read from its first line, stopped with SIGTERM.</summary>
internal sealed partial class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();

    private ServeProcess(Process process, Uri url)
    {
        _process = process;
        Url = url;
    }

    public Uri Url { get; private set; }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <param name="tokenFile">Where the generated token is written.</param>
    /// <param name="pluginDirectory">The plugin packs' folder.</param>
    /// <param name="urls">Where to serve; a fixed port lets a test restart the daemon where a page expects it.</param>
    /// <param name="token">A fixed token (<c>$TRDPSIM_TOKEN</c>) instead of a generated one, so it outlives a restart.</param>
    /// <param name="dataDirectory">The run store's folder (<c>--data-dir</c>); the default one when null.</param>
    public static async Task<ServeProcess> StartAsync(string tokenFile, string pluginDirectory, string urls = "http://127.0.0.1:0", string? token = null,
        string? dataDirectory = null)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "exec", Path.Combine(AppContext.BaseDirectory, "trdpsim.dll"), "serve", "--urls", urls, "--token-file", tokenFile })
        {
            start.ArgumentList.Add(arg);
        }

        if (dataDirectory is not null)
        {
            start.ArgumentList.Add("--data-dir");
            start.ArgumentList.Add(dataDirectory);
        }

        start.Environment["TRDPSIM_PLUGINS"] = pluginDirectory;
        start.Environment.Remove("TRDPSIM_TOKEN");
        if (token is not null)
        {
            start.Environment["TRDPSIM_TOKEN"] = token;
        }
        var process = new Process { StartInfo = start };
        var serving = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var serve = new ServeProcess(process, new Uri("http://127.0.0.1:1"));
        process.ErrorDataReceived += (_, e) =>
        {
            lock (serve._stderr)
            {
                serve._stderr.AppendLine(e.Data);
            }

            if (e.Data is { } line && Serving().Match(line) is { Success: true } match)
            {
                serving.TrySetResult(new Uri(match.Groups[1].Value));
            }
        };
        process.OutputDataReceived += (_, _) => { };
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var first = await Task.WhenAny(serving.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(30)));
        if (first != serving.Task)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("trdpsim serve did not start:\n" + serve.Stderr);
        }

        serve.Url = serving.Task.Result;
        return serve;
    }

    /// <summary>SIGTERM; the exit code.</summary>
    public async Task<int> StopAsync()
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
        }

        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(limit.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                await StopAsync();
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }

    [GeneratedRegex(@"serving on (http://[0-9.]+:[0-9]+)")]
    private static partial Regex Serving();
}
