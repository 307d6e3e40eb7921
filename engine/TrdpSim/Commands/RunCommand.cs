using Microsoft.Extensions.Logging;
using TrdpSim.Composition;
using TrdpSim.Control;
using TrdpSim.Hosting;
using TrdpSim.Plan;
using TrdpSim.Recording;
using TrdpSim.Reporting;
using System.CommandLine;
using TrdpSim.Telemetry;

namespace TrdpSim.Cli.Commands;

/// <summary><c>trdpsim run &lt;config&gt;</c>: plays the plan with a live progress line and prints a summary.</summary>
/// <remarks>Ctrl-C and SIGTERM end the run early but cleanly: the summary is still printed, says the run was
/// interrupted, and the exit code is the shell's for that signal (130, 143).</remarks>
internal static partial class RunCommand
{
    public static Command Create()
    {
        var inputs = PlanFlags.Create();
        var duration = OptionValues.Duration("--duration", "stop after this long [default: the plan's run duration, else until Ctrl-C or SIGTERM]", allowZero: false);
        var seed = OptionValues.UnsignedInteger("--seed", "seed for every generator and fault model [default: the plan's run seed, else 1]");
        var metrics = OptionValues.EndpointOrOff("--metrics", "serve Prometheus /metrics on this address, or off [default: the plan's metrics listen address, else 127.0.0.1:9464]");
        var summaryJson = OptionValues.Path("--summary-json", "file", "also write the final summary and the run's manifest as JSON to this file [default: no file]");
        var warmup = OptionValues.Duration("--warmup", "start of the steady window for the memory and GC figures [default: min(10s, duration/4); 0 without a duration]", allowZero: true);
        var noProgress = OptionValues.Flag("--no-progress", "no live progress line on stderr [default: progress every second, every 5 s when stderr is not a terminal]");
        var logFormat = OptionValues.LogFormatOption();
        var logLevel = OptionValues.LogLevelOption();
        var dataDirectory = StoreOptions.DataDirectory();
        var noStore = OptionValues.Flag("--no-store", "do not record the run into the run store [default: every run is recorded]");
        var interval = OptionValues.Duration("--interval", "length of the run store's statistics intervals [default: 10s]", allowZero: false);
        var command = inputs.Command("run", "play the devices of a configuration, scenario, plugin or TCNopen device files, then print a summary");
        foreach (Option option in (Option[])[duration, seed, metrics, summaryJson, warmup, noProgress, logFormat, logLevel, dataDirectory, noStore, interval])
        {
            command.Add(option);
        }

        var record = RecordFlags.Create();
        record.AddTo(command);
        record.RequireFileFor(command);
        var engine = EngineFlags.Create();
        engine.AddTo(command);
        command.SetAction((parse, _) => ExecuteAsync(new RunRequest
        {
            Files = inputs.ReadFiles(parse),
            Parameters = inputs.ReadParameters(parse),
            AddressMap = NetworkOptions.Rules(parse, inputs.AddressMap),
            AllowNetwork = parse.GetValue(inputs.AllowNetwork),
            Duration = parse.GetValue(duration),
            Seed = parse.GetValue(seed),
            Metrics = parse.GetValue(metrics),
            SummaryPath = parse.GetValue(summaryJson),
            Warmup = parse.GetValue(warmup),
            Progress = !parse.GetValue(noProgress),
            LogFormat = parse.GetValue(logFormat),
            LogLevel = parse.GetValue(logLevel),
            DataDirectory = parse.GetValue(dataDirectory),
            NoStore = parse.GetValue(noStore),
            Interval = parse.GetValue(interval),
            Recording = record.Read(parse),
            Engine = engine.Read(parse),
            CommandLine = [.. parse.Tokens.Select(token => token.Value)],
        }));
        return command;
    }

    public static async Task<int> ExecuteAsync(RunRequest request)
    {
        var plan = ValidateCommand.Load(
            request.Files, request.Parameters, new PlanOptions { AddressMap = request.AddressMap, AllowNetwork = request.AllowNetwork, ForRun = true });
        if (plan is null)
        {
            return ExitCodes.Usage;
        }

        // Checked before the run, as --record is: the file used to be created only after the run had played, and a
        // path that could not be written then ended the whole run with an internal error and its stack trace.
        if (request.SummaryPath is { } summaryFile && CheckSummaryPath(summaryFile) is { } summaryError)
        {
            Console.Error.WriteLine($"trdpsim: {summaryError}");
            return ExitCodes.Usage;
        }

        if (request.Recording is { } recording && RecordFlags.CheckDevices(recording, plan) is { } recordError)
        {
            Console.Error.WriteLine($"trdpsim: {recordError}");
            return ExitCodes.Usage;
        }

        if (request.Duration is { } duration)
        {
            plan.Duration = duration;
        }

        if (request.Seed is { } seed)
        {
            plan.Seed = seed;
        }

        if (request.Metrics is { } metrics)
        {
            plan.Metrics.Enabled = metrics != "off";
            if (plan.Metrics.Enabled)
            {
                plan.Metrics.Listen = metrics;
            }
        }

        request.Engine(plan);
        var warmup = request.Warmup
            ?? (plan.Duration is { } runFor ? TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(10).Ticks, runFor.Ticks / 4)) : TimeSpan.Zero);
        var inputs = InputFile.Describe(ValidateCommand.ResolvePaths(request.Files));
        return await PlayAsync(plan, request, warmup, inputs).ConfigureAwait(false);
    }

    private static async Task<int> PlayAsync(Plan.RunPlan plan, RunRequest request, TimeSpan warmup, IReadOnlyList<InputFile> inputs)
    {
        // Disposed last: the console provider writes from its own thread and flushes on dispose.
        using var logging = EngineLogging.Create(request.LogFormat, request.LogLevel);
        var log = logging.CreateLogger("trdpsim");
        RunHost host;
        try
        {
            host = RunHost.Create(plan, new RunHostOptions { Recording = request.Recording, LoggerFactory = logging, SettleHeapAtStart = true });
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
        catch (RecordingException e)
        {
            // A --record path that cannot be created is the command line's problem (2), like a bad option value.
            Console.Error.WriteLine($"trdpsim: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or UnauthorizedAccessException)
        {
            SocketsFailed(log, e.Message);
            return ExitCodes.RuntimeError;
        }

        using var interrupts = new RunInterrupts();
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

            // The run's time starts with the host (traffic, threshold graces, the wheel's clock): the duration and
            // the summary's elapsed time count from here, not from after the metrics server and the store are up.
            var started = DateTime.UtcNow;
            MetricsServer? metricsServer = null;
            try
            {
                await host.StartAsync(interrupts.Token).ConfigureAwait(false);
                if (plan.Metrics.Enabled)
                {
                    metricsServer = await StartMetricsAsync(plan.Metrics.Listen, host, logging, interrupts.Token).ConfigureAwait(false);
                    if (metricsServer is null)
                    {
                        return ExitCodes.Usage;
                    }
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
                StartFailed(log, e.Message);
                return ExitCodes.RuntimeError;
            }

            foreach (var message in host.DescribeEngine().Messages)
            {
                Console.Error.WriteLine($"trdpsim: {message}");
            }

            var recorder = RunRecording.Begin(request, plan, host, inputs, started);
            Running(log, plan.Name, host.Run.Devices.Count, host.Run.Starts.Count,
                (plan.Duration is { } d ? $", for {d.TotalSeconds:0.###} s" : ", until Ctrl-C") +
                (thresholds.Count > 0 ? $", {thresholds.Count} threshold(s)" : string.Empty) +
                (metricsServer?.BoundAddress is { } m
                    ? $", metrics at {m}metrics" + (host.Events is null ? string.Empty : $", live streams at ws://{m.Authority}/api/stream and {m}api/events")
                    : string.Empty));
            using var runEnd = CancellationTokenSource.CreateLinkedTokenSource(interrupts.Token, thresholds.AbortRequested);
            (ProcessSample? Sample, long Sent) steady = (null, 0);
            RunStopReason stopReason;
            try
            {
                steady = await WaitAsync(host, started, plan.Duration, warmup, request.Progress, runEnd.Token).ConfigureAwait(false);
                stopReason = interrupts.Reason
                    ?? (thresholds.AbortRequested.IsCancellationRequested ? RunStopReason.ThresholdAbort : RunStopReason.Completed);
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException)
            {
                BrokeDown(log, e.Message);
                stopReason = RunStopReason.Error;
            }

            if (thresholds.AbortReason is { } abort)
            {
                Console.Error.WriteLine($"trdpsim: {abort}");
            }

            var end = ProcessSample.Take();
            await host.StopAsync().ConfigureAwait(false);
            recorder?.EndTraffic();
            if (metricsServer is not null)
            {
                await metricsServer.DisposeAsync().ConfigureAwait(false);
            }

            var stopped = DateTime.UtcNow;
            var summary = RunSummary.Capture(host.Telemetry, stopped - started);
            summary = summary.WithProcess(steady.Sample, steady.Sent, end);
            summary.Recording = host.Recorder?.Summary();
            summary.Engine = host.DescribeEngine();
            ScenarioReport.Finish(host.Scenarios, summary); // end hooks may still call run.fail()
            summary.Thresholds = thresholds.Finish();
            summary.Manifest = new RunManifest
            {
                StartedAt = started,
                StoppedAt = stopped,
                StopReason = stopReason,
                DurationRequested = plan.Duration,
                DurationActual = stopped - started,
                Seed = plan.Seed,
                CommandLine = request.CommandLine,
                Parameters = plan.Parameters,
                Inputs = inputs,
                Host = HostDescription.Current(),
            };
            Console.WriteLine(SummaryTable.Format(summary));
            ScenarioReport.Print(host.Scenarios);
            Console.WriteLine();
            Console.WriteLine(StopLine(summary.Manifest));
            bool summaryFailed = false;
            if (request.SummaryPath is { } summaryPath)
            {
                try
                {
                    await using var file = File.Create(summaryPath);
                    SummaryJson.Write(file, summary);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Writable before the run, not now (disk full, folder removed): said, and the run still ends
                    // recorded in the store with its exit code (3) instead of breaking off here.
                    Console.Error.WriteLine($"trdpsim: cannot write the summary --summary-json {summaryPath}: {e.Message}");
                    summaryFailed = true;
                }
            }

            if (summary.EngineErrors > 0)
            {
                EngineErrors(log, summary.EngineErrors);
            }

            if (summary.Recording is { Dropped: > 0 } lossy)
            {
                Console.Error.WriteLine($"trdpsim: the recording lost {lossy.Dropped} frame(s)" + (lossy.Error is { } why ? $": {why}" : " (the writer fell behind)"));
            }

            if (host.Scenarios is { Errors.Count: > 0 })
            {
                Console.Error.WriteLine("trdpsim: a scenario was stopped by a script error");
            }

            if (!summary.Thresholds.Passed)
            {
                Console.Error.WriteLine("trdpsim: thresholds failed");
            }

            int exitCode = ExitCodes.ForRun(stopReason, errors: summary.EngineErrors > 0 || host.Scenarios is { Errors.Count: > 0 } || summaryFailed, summary.Thresholds.Passed);
            RunRecording.Finish(recorder, summary, exitCode);
            return exitCode;
        }
    }

    /// <summary>Why the <c>--summary-json</c> file cannot be written, or null: the file is opened for writing (and
    /// removed again when it did not exist) so that a missing folder or a read-only place is said before the run.</summary>
    private static string? CheckSummaryPath(string path)
    {
        try
        {
            var existed = File.Exists(path);
            using (new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write))
            {
            }

            if (!existed)
            {
                File.Delete(path);
            }

            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return $"--summary-json {path}: cannot write the file: {e.Message}";
        }
    }

    /// <summary>How the run ended, e.g. <c>stopped: interrupted (SIGINT) after 12.3 s (requested: 5m)</c>.</summary>
    private static string StopLine(RunManifest manifest) =>
        $"stopped: {RunStopReasons.Label(manifest.StopReason)} after {manifest.DurationActual.TotalSeconds:0.0} s " +
        $"(requested: {(manifest.DurationRequested is { } requested ? DurationParser.Format(requested) : "until stopped")})";

    /// <summary>Waits for the end of the run, printing progress and marking the steady window.</summary>
    /// <remarks>Sleeps exactly until the next thing to do (progress line, end of warm-up, end of run), so
    /// an unattended run wakes a handful of times and this loop adds almost no allocation to the
    /// steady-window figures.</remarks>
    private static async Task<(ProcessSample? Sample, long Sent)> WaitAsync(RunHost host, DateTime started, TimeSpan? duration, TimeSpan warmup, bool progress, CancellationToken stop)
    {
        ProcessSample? steady = null;
        long sentAtSteady = 0;
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
                var text = line.Next(host.Telemetry, now - started);
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

    /// <summary>Serves <c>/metrics</c> over the host's exporter; null (and a message naming the address) when
    /// the address cannot be bound — a configuration problem, like a device port in use.</summary>
    /// <remarks>The run's live streams and ingest (README "Live streams") are served on the same address: like
    /// <c>/metrics</c>, without authentication, so keep it on loopback.</remarks>
    private static async Task<MetricsServer?> StartMetricsAsync(string listen, RunHost host, ILoggerFactory logging, CancellationToken cancellationToken)
    {
        Action<Microsoft.AspNetCore.Builder.WebApplication>? streams = null;
        if (host.Events is { } events)
        {
            var name = host.Telemetry.RunName;
            var options = new StreamEndpointOptions
            {
                // The run's own name, "current", or none: this process has one run.
                Runs = id => id is null || id == "current" || id == name ? events : null,
                LoggerFactory = logging,
            };
            streams = app => app.MapStreamEndpoints(options);
        }

        try
        {
            return await MetricsServer.StartAsync(listen, host.Exporter.Registry, cancellationToken, streams).ConfigureAwait(false);
        }
        // An address this host does not have comes as a SocketException, which Kestrel does not wrap in an IOException
        // as it does "address in use": it ended the run as an internal error with its stack trace (exit 3).
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException)
        {
            Console.Error.WriteLine($"trdpsim: cannot serve /metrics on {listen}: {e.InnerException?.Message ?? e.Message} (choose another address with --metrics, or --metrics off)");
            return null;
        }
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "running '{Run}' — {Devices} devices, {Telegrams} cyclic telegrams{Details}")]
    private static partial void Running(ILogger logger, string run, int devices, int telegrams, string details);

    [LoggerMessage(EventId = 13, Level = LogLevel.Error, Message = "cannot open sockets: {Reason}")]
    private static partial void SocketsFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 14, Level = LogLevel.Error, Message = "cannot start: {Reason}")]
    private static partial void StartFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 11, Level = LogLevel.Error, Message = "the run broke down: {Reason}")]
    private static partial void BrokeDown(ILogger logger, string reason);

    [LoggerMessage(EventId = 12, Level = LogLevel.Error, Message = "{Count} engine error(s) were caught during the run")]
    private static partial void EngineErrors(ILogger logger, long count);
}
