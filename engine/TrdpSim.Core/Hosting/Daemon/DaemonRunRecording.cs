using TrdpSim.Records;
using TrdpSim.Reporting;

namespace TrdpSim.Hosting.Daemon;

/// <summary>Puts a daemon run into the run store exactly as <c>trdpsim run</c> records itself: the manifest and the
/// inputs' contents when it starts, interval rows and events (control actions with their client, faults, threshold
/// changes; paused and resumed) while it plays, the final state, verdict and summary when it ends.</summary>
/// <remarks>A store that refuses the record does not stop the run: the run plays unrecorded and the daemon's log
/// says why. Writes go through the store's own threads (<see cref="RunRecorder"/>); nothing here runs on the
/// wheel.</remarks>
/// <param name="recorder">The store's recorder of the run (made by <see cref="Begin"/>).</param>
/// <param name="log">The daemon's log.</param>
internal sealed class DaemonRunRecording(RunRecorder recorder, TextWriter log)
{
    /// <summary>The stored run's id (<c>trdpsim report &lt;id&gt;</c>, <c>GET /api/store/runs/{id}</c>).</summary>
    public string Id => recorder.Id;

    /// <summary>Begins the record of a run that has just started; null (and a line in the log) when the store refuses it.</summary>
    public static DaemonRunRecording? Begin(RunStore store, TimeSpan interval, ManagedRun run, RunHost host, DateTime startedUtc, TextWriter log)
    {
        try
        {
            RunRecorder recorder = HostRecording.Begin(store, host, startedUtc, run.Name, run.Seed, run.Duration, interval,
                run.CommandLine, run.PlannedParameters, InputFile.Describe(run.Paths));
            log.WriteLine($"run {run.Id}: recording as {recorder.Id} in {store.FilePath}");
            return new DaemonRunRecording(recorder, log);
        }
        catch (Exception e) when (e is RunStoreException or IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            log.WriteLine($"run {run.Id}: not recorded: {e.Message}");
            return null;
        }
    }

    /// <summary>The traffic has stopped: the last (partial) interval is sampled now.</summary>
    public void EndTraffic() => recorder.EndTraffic();

    /// <summary>Closes the record with the run's final state, verdict and summary.</summary>
    public void Finish(RunState state, DateTime stoppedUtc, RunStopReason reason, Thresholds.ThresholdReport? thresholds, ReadOnlyMemory<byte> summaryJson)
    {
        // A run that did not reach a final state is closed as failed.
        var stored = RunStates.IsFinal(state) ? RunStates.Stored(state) : Records.RunState.Failed;
        recorder.Finish(new RunFinish(stored, stoppedUtc, RunStopReasons.Label(reason), thresholds,
            summaryJson.IsEmpty ? null : System.Text.Encoding.UTF8.GetString(summaryJson.Span)));
        recorder.Dispose();
        if (recorder.Writer.WriteErrors > 0)
        {
            log.WriteLine($"the run store refused {recorder.Writer.WriteErrors} write(s) of {Id}: {recorder.Writer.LastError}");
        }

        if (recorder.Writer.Drops > 0)
        {
            log.WriteLine($"the run store's queue was full {recorder.Writer.Drops} time(s) while recording {Id}: those items are missing from the record");
        }
    }

    /// <summary>The run could not be summarized: the record is closed without a verdict, as failed.</summary>
    public void Fail(DateTime stoppedUtc, string why)
    {
        recorder.Finish(new RunFinish(Records.RunState.Failed, stoppedUtc, why, null, null));
        recorder.Dispose();
    }
}
