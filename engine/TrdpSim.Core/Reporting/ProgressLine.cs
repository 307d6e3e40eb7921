using TrdpSim.Telemetry;

namespace TrdpSim.Reporting;

/// <summary>Builds the one-line live progress display from successive summaries.</summary>
internal sealed class ProgressLine
{
    private long _lastSent;
    private long _lastReceived;
    private TimeSpan _lastElapsed;

    /// <summary>e.g. <c>12.0s  tx 1.20M (100.0k/s)  rx 1.20M (100.0k/s)  lost 0  tmo 0  drop 0  rej 0  late p99 85.0µs</c>.</summary>
    public string Next(RunSummary summary)
    {
        var t = summary.Totals;
        var seconds = (summary.Elapsed - _lastElapsed).TotalSeconds;
        var txRate = seconds > 0 ? (t.Sent - _lastSent) / seconds : 0;
        var rxRate = seconds > 0 ? (t.Received - _lastReceived) / seconds : 0;
        _lastSent = t.Sent;
        _lastReceived = t.Received;
        _lastElapsed = summary.Elapsed;
        long rejects = 0;
        foreach (var count in summary.Rejects)
        {
            rejects += count;
        }

        var late = summary.SendLateness.Count > 0 ? Units.Duration(summary.SendLateness.P99) : "-";
        return $"{summary.Elapsed.TotalSeconds,6:0.0}s  tx {Units.Count(t.Sent)} ({Units.Count(txRate)}/s)  rx {Units.Count(t.Received)} ({Units.Count(rxRate)}/s)  lost {Units.Count(t.Lost)}  tmo {Units.Count(t.Timeouts)}  drop {Units.Count(t.DroppedCycles)}  rej {Units.Count(rejects)}  late p99 {late}";
    }
}
