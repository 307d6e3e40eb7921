using TrdpSim.Telemetry;

namespace TrdpSim.Composition;

/// <summary>The counters of a telegram summed over its instances (and roles) at one moment; each is
/// explained at <see cref="TelegramCounters"/>.</summary>
public readonly record struct TelegramCounterSnapshot(
    long Sent, long SendFailures, long Struck, long DroppedCycles, long Delayed,
    long Received, long Lost, long Restarts, long SequenceJumps, long Duplicates, long OutOfOrder, long Timeouts, bool TimedOut, long TopoRejects,
    long PullRequests, long PullReplies, long PullLateReplies, long PullUnmatchedReplies, long PullDuplicates)
{
    /// <summary>Reads summed counters (see <see cref="TelegramCounters.Accumulate"/>).</summary>
    internal static TelegramCounterSnapshot From(TelegramCounters totals)
    {
        ArgumentNullException.ThrowIfNull(totals);
        return new TelegramCounterSnapshot(
            totals.Sent, totals.SendFailures, totals.Struck, totals.DroppedCycles, totals.Delayed,
            totals.Received, totals.Lost, totals.Restarts, totals.SequenceJumps, totals.Duplicates, totals.OutOfOrder, totals.Timeouts,
            totals.TimedOut > 0, totals.TopoRejects,
            totals.PullRequests, totals.PullReplies, totals.PullLateReplies, totals.PullUnmatchedReplies, totals.PullDuplicates);
    }
}
