using TrdpSim.Hosting;
using TrdpSim.Records;
using TrdpSim.Reporting;

namespace TrdpSim.Cli.Commands;

/// <summary>Puts a <c>run</c> into the run store as it plays: the record begins with the manifest and the inputs'
/// contents, fills interval by interval and ends with the verdict and the summary.</summary>
internal static class RunRecording
{
    /// <summary>Begins the record (null with <c>--no-store</c>, or when the default store cannot be used: the run
    /// then plays unrecorded, and says so).</summary>
    public static RunRecorder? Begin(RunRequest request, Plan.RunPlan plan, RunHost host, IReadOnlyList<InputFile> inputs, DateTime startedUtc)
    {
        if (request.NoStore)
        {
            return null;
        }

        RunStore? store = StoreOptions.Open(request.DataDirectory);
        if (store is null)
        {
            Console.Error.WriteLine("trdpsim: this run is not recorded (pass --no-store to skip the run store on purpose)");
            return null;
        }

        try
        {
            RunRecorder recorder = HostRecording.Begin(store, host, startedUtc, plan.Name, plan.Seed, plan.Duration,
                request.Interval ?? TimeSpan.FromSeconds(10), request.CommandLine, plan.Parameters, inputs);
            Console.Error.WriteLine($"trdpsim: recording run {recorder.Id} in {store.FilePath}");
            return recorder;
        }
        catch (Exception e) when (e is RunStoreException or IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            Console.Error.WriteLine($"trdpsim: cannot record the run: {e.Message}");
            return null;
        }
    }

    /// <summary>Closes the record with how the run ended.</summary>
    public static void Finish(RunRecorder? recorder, RunSummary summary, int exitCode)
    {
        if (recorder is null || summary.Manifest is not { } manifest)
        {
            return;
        }

        RunState state = manifest.StopReason switch
        {
            RunStopReason.InterruptedSigInt or RunStopReason.InterruptedSigTerm => RunState.Stopped,
            RunStopReason.ThresholdAbort => RunState.AbortedByThreshold,
            _ when exitCode == ExitCodes.Ok => RunState.Completed,
            _ => RunState.Failed,
        };
        using var json = new MemoryStream();
        SummaryJson.Write(json, summary);
        recorder.Finish(new RunFinish(state, manifest.StoppedAt, RunStopReasons.Label(manifest.StopReason), summary.Thresholds,
            System.Text.Encoding.UTF8.GetString(json.ToArray())));
        recorder.Dispose();
        if (recorder.Writer.WriteErrors > 0)
        {
            Console.Error.WriteLine($"trdpsim: the run store refused {recorder.Writer.WriteErrors} write(s): {recorder.Writer.LastError}");
        }

        if (recorder.Writer.Drops > 0)
        {
            Console.Error.WriteLine($"trdpsim: the run store's queue was full {recorder.Writer.Drops} time(s): those items are missing from the record");
        }

        Console.Error.WriteLine($"trdpsim: run {recorder.Id} recorded (trdpsim report {recorder.Id})");
    }
}
