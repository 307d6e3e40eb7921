using TrdpSim.Telemetry;

namespace TrdpSim.Reporting;

/// <summary>Builds the one-line live progress display from the run's counters.</summary>
/// <remarks>Printed every second (every 5 s without a terminal) for the whole run, so it reads only the figures it
/// shows — the telegram totals, the rejects and the send lateness — rather than capturing a whole
/// <see cref="RunSummary"/> (a row and a histogram snapshot per telegram and a process sample per line): a line costs
/// one counter object and its text.</remarks>
internal sealed class ProgressLine
{
    private long _lastSent;
    private long _lastReceived;
    private TimeSpan _lastElapsed;

    /// <summary>e.g. <c>12.0s  tx 1.20M (100.0k/s)  rx 1.20M (100.0k/s)  lost 0  tmo 0  drop 0  rej 0  late p99 85.0µs</c>.</summary>
    public string Next(RunTelemetry telemetry, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(telemetry);
        var t = new TelegramCounters();
        var groups = telemetry.Groups;
        for (var g = 0; g < groups.Count; g++) // indexed: foreach over the interface would box an enumerator
        {
            groups[g].AddTotalsTo(t);
        }

        var seconds = (elapsed - _lastElapsed).TotalSeconds;
        var txRate = seconds > 0 ? (t.Sent - _lastSent) / seconds : 0;
        var rxRate = seconds > 0 ? (t.Received - _lastReceived) / seconds : 0;
        _lastSent = t.Sent;
        _lastReceived = t.Received;
        _lastElapsed = elapsed;
        long rejects = telemetry.Rejects.Total();
        var lateness = telemetry.SendLateness.Refresh();
        var late = lateness.Count > 0 ? Units.Duration(lateness.P99) : "-";
        return $"{elapsed.TotalSeconds,6:0.0}s  tx {Units.Count(t.Sent)} ({Units.Count(txRate)}/s)  rx {Units.Count(t.Received)} ({Units.Count(rxRate)}/s)  lost {Units.Count(t.Lost)}  tmo {Units.Count(t.Timeouts)}  drop {Units.Count(t.DroppedCycles)}  rej {Units.Count(rejects)}  late p99 {late}";
    }
}
