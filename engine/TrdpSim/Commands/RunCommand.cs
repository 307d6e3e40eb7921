using System.Runtime.InteropServices;
using TrdpSim.Composition;
using TrdpSim.Control;
using TrdpSim.Hosting;
using TrdpSim.Plan;
using TrdpSim.Reporting;
using TrdpSim.Telemetry;

namespace TrdpSim.Cli.Commands;

/// <summary><c>trdpsim run &lt;config&gt;</c>: plays the plan with a live progress line and prints a summary.</summary>
/// <remarks>Ctrl-C and SIGTERM end the run the same way the duration does: the summary is still printed.</remarks>
internal static class RunCommand
{
    public static async Task<int> ExecuteAsync(CommandLine line)
    {
        if (line.Arguments.Count < 1)
        {
            Console.Error.WriteLine("usage: trdpsim run <config.toml | scenario.js | plugin dir | plugin name> [more files …] [--param name=value ...] [--duration 30s] [--seed n] [--metrics ip:port|off] [--summary-json file] [--warmup d] [--no-progress] [engine options: trdpsim help]");
            return ExitCodes.Usage;
        }

        var plan = ValidateCommand.Load(line);
        if (plan is null)
        {
            return ExitCodes.Usage;
        }

        if (line.Value("--duration") is { } durationText)
        {
            if (!DurationParser.TryParse(durationText, out var duration) || duration <= TimeSpan.Zero)
            {
                Console.Error.WriteLine($"trdpsim: --duration '{durationText}' is not a positive duration (e.g. 5s, 250ms, 2m)");
                return ExitCodes.Usage;
            }

            plan.Duration = duration;
        }

        if (line.Value("--seed") is { } seedText)
        {
            if (!ulong.TryParse(seedText, out var seed))
            {
                Console.Error.WriteLine($"trdpsim: --seed '{seedText}' is not a non-negative integer");
                return ExitCodes.Usage;
            }

            plan.Seed = seed;
        }

        if (line.Value("--metrics") is { } metrics)
        {
            plan.Metrics.Enabled = !string.Equals(metrics, "off", StringComparison.OrdinalIgnoreCase);
            if (plan.Metrics.Enabled)
            {
                plan.Metrics.Listen = metrics;
            }
        }

        var warmup = TimeSpan.Zero;
        if (line.Value("--warmup") is { } warmupText)
        {
            if (!DurationParser.TryParse(warmupText, out warmup) || warmup < TimeSpan.Zero)
            {
                Console.Error.WriteLine($"trdpsim: --warmup '{warmupText}' is not a duration");
                return ExitCodes.Usage;
            }
        }
        else if (plan.Duration is { } runFor)
        {
            warmup = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(10).Ticks, runFor.Ticks / 4));
        }

        if (EngineOptions.Apply(line, plan) is { } engineError)
        {
            Console.Error.WriteLine($"trdpsim: {engineError}");
            return ExitCodes.Usage;
        }

        var summaryPath = line.Value("--summary-json");
        var progress = !line.Has("--no-progress");
        foreach (var unknown in line.Unused())
        {
            Console.Error.WriteLine($"trdpsim: unknown option '{unknown}'");
            return ExitCodes.Usage;
        }

        return await PlayAsync(plan, progress, summaryPath, warmup).ConfigureAwait(false);
    }

    private static async Task<int> PlayAsync(Plan.RunPlan plan, bool progress, string? summaryPath, TimeSpan warmup)
    {
        RunHost host;
        try
        {
            host = RunHost.Create(plan);
        }
        catch (PlanException e)
        {
            foreach (var error in e.Errors)
            {
                Console.Error.WriteLine(error.ToString());
            }

            return ExitCodes.Usage;
        }
        catch (DeviceSocketException e)
        {
            // Address not on this host or port held by another socket: the plan's problem here (2), not the run's (3).
            Console.Error.WriteLine($"trdpsim: {e.Message}");
            return e.IsConfigurationError ? ExitCodes.Usage : ExitCodes.RuntimeError;
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"trdpsim: cannot open sockets: {e.Message}");
            return ExitCodes.RuntimeError;
        }

        using var stop = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stop.Cancel(); });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Cancel(); });
        await using (host.ConfigureAwait(false))
        {
            var thresholds = host.Thresholds;
            var unmatched = thresholds.Unmatched();
            if (unmatched.Count > 0)
            {
                foreach (var error in unmatched)
                {
                    Console.Error.WriteLine(error.ToString());
                }

                return ExitCodes.Usage;
            }

            MetricsServer? metrics = null;
            try
            {
                await host.StartAsync(stop.Token).ConfigureAwait(false);
                if (plan.Metrics.Enabled)
                {
                    metrics = await MetricsServer.StartAsync(plan.Metrics.Listen, host.Exporter.Registry, stop.Token).ConfigureAwait(false);
                }
            }
            catch (Faults.FaultException e)
            {
                // A plan fault the engine could not attach (validation catches most before this).
                Console.Error.WriteLine($"trdpsim: {e.Message}");
                return ExitCodes.Usage;
            }
            catch (Exception e) when (e is IOException or ArgumentException or InvalidOperationException)
            {
                Console.Error.WriteLine($"trdpsim: cannot start: {e.Message}");
                return ExitCodes.RuntimeError;
            }

            foreach (var message in host.DescribeEngine().Messages)
            {
                Console.Error.WriteLine($"trdpsim: {message}");
            }

            var started = DateTime.UtcNow;
            Console.Error.WriteLine($"trdpsim: running '{plan.Name}' — {host.Run.Devices.Count} devices, {host.Run.Starts.Count} cyclic telegrams" +
                (plan.Duration is { } d ? $", for {d.TotalSeconds:0.###} s" : ", until Ctrl-C") +
                (thresholds.Count > 0 ? $", {thresholds.Count} threshold(s)" : string.Empty) +
                (metrics?.BoundAddress is { } m ? $", metrics at {m}metrics" : string.Empty));
            using var runEnd = CancellationTokenSource.CreateLinkedTokenSource(stop.Token, thresholds.AbortRequested);
            var steady = await WaitAsync(host, plan.Duration, warmup, progress, runEnd.Token).ConfigureAwait(false);
            if (thresholds.AbortReason is { } abort)
            {
                Console.Error.WriteLine($"trdpsim: {abort}");
            }

            var end = ProcessSample.Take();
            await host.StopAsync().ConfigureAwait(false);
            if (metrics is not null)
            {
                await metrics.DisposeAsync().ConfigureAwait(false);
            }

            var summary = RunSummary.Capture(host.Telemetry, DateTime.UtcNow - started);
            summary = summary.WithProcess(steady.Sample, steady.Sent, end);
            summary.Engine = host.DescribeEngine();
            ScenarioReport.Finish(host.Scenarios, summary); // end hooks may still call run.fail()
            summary.Thresholds = thresholds.Finish();
            Console.WriteLine(SummaryTable.Format(summary));
            ScenarioReport.Print(host.Scenarios);
            if (summaryPath is not null)
            {
                await using var file = File.Create(summaryPath);
                SummaryJson.Write(file, summary);
            }

            if (summary.EngineErrors > 0)
            {
                Console.Error.WriteLine($"trdpsim: {summary.EngineErrors} engine error(s) were caught during the run");
                return ExitCodes.RuntimeError;
            }

            if (host.Scenarios is { Errors.Count: > 0 })
            {
                Console.Error.WriteLine("trdpsim: a scenario was stopped by a script error");
                return ExitCodes.RuntimeError;
            }

            if (!summary.Thresholds.Passed)
            {
                Console.Error.WriteLine("trdpsim: thresholds failed");
                return ExitCodes.ThresholdsFailed;
            }

            return ExitCodes.Ok;
        }
    }

    /// <summary>Waits for the end of the run, printing progress and marking the steady window.</summary>
    /// <remarks>Sleeps exactly until the next thing to do (progress line, end of warm-up, end of run), so
    /// an unattended run wakes a handful of times and this loop adds almost no allocation to the
    /// steady-window figures.</remarks>
    private static async Task<(ProcessSample? Sample, long Sent)> WaitAsync(RunHost host, TimeSpan? duration, TimeSpan warmup, bool progress, CancellationToken stop)
    {
        ProcessSample? steady = null;
        long sentAtSteady = 0;
        var started = DateTime.UtcNow;
        var end = duration is { } d ? started + d : DateTime.MaxValue;
        var steadyAt = started + warmup;
        var line = new ProgressLine();
        var interactive = !Console.IsErrorRedirected;
        var every = TimeSpan.FromSeconds(interactive ? 1 : 5);
        var nextPrint = progress ? started + every : DateTime.MaxValue;
        while (!stop.IsCancellationRequested)
        {
            var now = DateTime.UtcNow;
            if (steady is null && now >= steadyAt)
            {
                steady = ProcessSample.Take();
                sentAtSteady = host.Telemetry.TotalSent();
            }

            if (now >= end)
            {
                break;
            }

            if (now >= nextPrint)
            {
                var text = line.Next(RunSummary.Capture(host.Telemetry, now - started));
                Console.Error.Write(interactive ? "\r" + text : text + Environment.NewLine);
                nextPrint += every;
            }

            var next = end;
            if (steady is null && steadyAt < next)
            {
                next = steadyAt;
            }

            if (nextPrint < next)
            {
                next = nextPrint;
            }

            var wait = next - DateTime.UtcNow;
            if (wait <= TimeSpan.Zero)
            {
                continue;
            }

            try
            {
                await Task.Delay(wait < TimeSpan.FromDays(1) ? wait : TimeSpan.FromDays(1), stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        if (progress && interactive)
        {
            Console.Error.WriteLine();
        }

        return (steady, sentAtSteady);
    }
}
