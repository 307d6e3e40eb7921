using System.Text;

namespace TrdpSim.IntegrationTests.Cli;

/// <summary>The <c>trdpsim</c> command line run as a real child process (<c>dotnet exec trdpsim.dll</c>, copied
/// beside the tests by the project reference): real exit codes, real signals, its own stdout and stderr.</summary>
/// <remarks>In process, the command line would share <see cref="Console"/> with every test running in parallel;
/// a child process is what a user or a CI script sees.</remarks>
internal static class TrdpSimProcess
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    /// <summary>How a child is started: <c>dotnet exec trdpsim.dll</c> with <paramref name="args"/>, output redirected.</summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "trdpsim.dll"));
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }

    /// <summary>Runs <c>trdpsim</c> with <paramref name="args"/> to its end.</summary>
    public static Task<TrdpSimResult> RunAsync(params string[] args) => RunAsync(args, null, null);

    /// <summary>Runs <c>trdpsim</c> like <see cref="RunAsync(string[], string?, string?)"/>, allowed up to <paramref name="limit"/>.</summary>
    public static Task<TrdpSimResult> RunAsync(string[] args, string? waitFor, string? signal, TimeSpan limit) => RunAsync(args, waitFor, signal, (TimeSpan?)limit);

    /// <summary>Runs <c>trdpsim</c>; once a stderr line contains <paramref name="waitFor"/>, sends
    /// <paramref name="signal"/> (<c>INT</c>, <c>TERM</c>) and waits for the process to end.</summary>
    public static Task<TrdpSimResult> RunAsync(string[] args, string? waitFor, string? signal) => RunAsync(args, waitFor, signal, (TimeSpan?)null);

    private static async Task<TrdpSimResult> RunAsync(string[] args, string? waitFor, string? signal, TimeSpan? limitOverride)
    {
        TimeSpan allowed = limitOverride ?? Limit;
        using var process = new Process { StartInfo = StartInfo(args) };
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            lock (stdout)
            {
                stdout.AppendLine(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }

            if (waitFor is not null && e.Data is { } line && line.Contains(waitFor, StringComparison.Ordinal))
            {
                seen.TrySetResult();
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var limit = new CancellationTokenSource(allowed);
        try
        {
            if (waitFor is not null && signal is not null)
            {
                await Task.WhenAny(seen.Task, process.WaitForExitAsync(limit.Token)).ConfigureAwait(false);
                Assert.True(seen.Task.IsCompleted, $"'{waitFor}' never appeared on stderr:\n{stderr}");
                using var kill = Process.Start("kill", ["-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                await kill.WaitForExitAsync(limit.Token).ConfigureAwait(false);
            }

            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"trdpsim {string.Join(' ', args)} did not end within {allowed.TotalSeconds} s:\n{stderr}");
        }

        process.WaitForExit(); // flushes the asynchronous readers
        return new TrdpSimResult(process.ExitCode, stdout.ToString(), stderr.ToString());
    }
}

/// <summary>How a <c>trdpsim</c> child process ended and what it printed.</summary>
internal sealed record TrdpSimResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}
