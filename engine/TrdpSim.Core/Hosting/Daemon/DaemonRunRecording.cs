using TrdpSim.Records;
using TrdpSim.Reporting;

namespace TrdpSim.Hosting.Daemon;

/// <summary>Puts a daemon run into the run store exactly as <c>trdpsim run</c> records itself: the manifest and the
/// inputs' contents when it starts, interval rows and events (control actions with their client, faults, threshold
/// changes; paused and resumed) while it plays, the final state, verdict and summary when it ends.</summary>
/// <remarks>A store that refuses the record does not stop the run: the run plays unrecorded and the daemon's log
/// says why. Writes go through the store's own threads (<see cref="RunRecorder"/>); nothing here runs on the
/// wheel.</remarks>
internal sealed class DaemonRunRecording
{
    private readonly RunRecorder _recorder;
    private readonly TextWriter _log;

    private DaemonRunRecording(RunRecorder recorder, TextWriter log)
    {
        _recorder = recorder;
        _log = log;
    }

    /// <summary>The stored run's id (<c>trdpsim report &lt;id&gt;</c>, <c>GET /api/store/runs/{id}</c>).</summary>
    public string Id => _recorder.Id;

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
    public void EndTraffic() => _recorder.EndTraffic();

    /// <summary>Closes the record with the run's final state, verdict and summary.</summary>
    public void Finish(RunState state, DateTime stoppedUtc, RunStopReason reason, Thresholds.ThresholdReport? thresholds, ReadOnlyMemory<byte> summaryJson)
    {
        var stored = state switch
        {
            RunState.Completed => Records.RunState.Completed,
            RunState.Stopped => Records.RunState.Stopped,
            RunState.Aborted => Records.RunState.AbortedByThreshold,
            _ => Records.RunState.Failed,
        };
        _recorder.Finish(new RunFinish(stored, stoppedUtc, RunStopReasons.Label(reason), thresholds,
            summaryJson.IsEmpty ? null : System.Text.Encoding.UTF8.GetString(summaryJson.Span)));
        _recorder.Dispose();
        if (_recorder.Writer.WriteErrors > 0)
        {
            _log.WriteLine($"the run store refused {_recorder.Writer.WriteErrors} write(s) of {Id}: {_recorder.Writer.LastError}");
        }

        if (_recorder.Writer.Drops > 0)
        {
            _log.WriteLine($"the run store's queue was full {_recorder.Writer.Drops} time(s) while recording {Id}: those items are missing from the record");
        }
    }

    /// <summary>The run could not be summarized: the record is closed without a verdict, as failed.</summary>
    public void Fail(DateTime stoppedUtc, string why)
    {
        _recorder.Finish(new RunFinish(Records.RunState.Failed, stoppedUtc, why, null, null));
        _recorder.Dispose();
    }
}
