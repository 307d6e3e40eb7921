using Microsoft.Extensions.Logging;
using TrdpSim.Scheduling;
using TrdpSim.Telemetry;

namespace TrdpSim.Reporting;

/// <summary>A full, blocking garbage collection at a fixed interval (<c>[engine] full-collection-every</c>), so that a
/// long soak measures the memory a run keeps rather than the garbage it has not collected yet.</summary>
/// <remarks>
/// <para>Why: a steady run allocates a few KB/s and the runtime may then go hours without a generation-2 collection;
/// the heap and resident memory rise with garbage that would be freed by the next one, and a slope read from them
/// cannot tell that from a leak. The heap after a full collection is what was alive; each one forced here updates
/// <see cref="GcHeapFigures"/> (the run store's intervals, <c>trdpsim_gc_full_heap_bytes</c>), so a soak gets a level
/// every interval instead of waiting for the runtime to choose one.</para>
/// <para>Cost: every managed thread waits while it runs (the heap's live objects are marked; not compacted). That pause
/// is logged; a pause longer than the stall threshold is one of trdpsim's own stalls and is accounted as
/// such. Off by default; a diagnostic for soak runs.</para>
/// <para>The collection runs on the thread that asks for it, at that thread's priority, while every other thread
/// waits: asked from the niced sampler on a busy host it took 20–37 ms instead of 8. So the host hands it to the
/// wheel thread (<see cref="RunOn"/>), whose priority — real-time when configured — is the one the pause should
/// have: it holds the wheel anyway.</para>
/// </remarks>
internal sealed partial class ScheduledFullCollection
{
    private readonly long _everyNanoseconds;
    private readonly ILogger _logger;
    private long _due;
    private long _count;

    /// <param name="every">Time between two collections; the first is one interval after the first check.</param>
    /// <param name="logger">Where each collection's pause and the heap after it are logged.</param>
    public ScheduledFullCollection(TimeSpan every, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(every, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(logger);
        _everyNanoseconds = every.ToNanoseconds();
        _logger = logger;
    }

    /// <summary>Runs a collection on another thread: returns false when it could not take it (then it runs on the
    /// checking thread). Null: on the checking thread.</summary>
    public Func<Action, bool>? RunOn { get; init; }

    /// <summary>Collections forced so far.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>Collects when the interval has passed (the sampler's thread, once per check), on
    /// <see cref="RunOn"/>'s thread where there is one.</summary>
    /// <returns>Whether a collection ran or was handed over.</returns>
    public bool Check(long nowNanoseconds)
    {
        if (_due == 0)
        {
            _due = nowNanoseconds + _everyNanoseconds;
            return false;
        }

        if (nowNanoseconds < _due)
        {
            return false;
        }

        // The next one is due an interval after this one, not after when this one should have run: a late check
        // never makes two collections follow each other.
        _due = nowNanoseconds + _everyNanoseconds;
        if (RunOn is not { } runOn || !runOn(Collect))
        {
            Collect();
        }

        return true;
    }

    private void Collect()
    {
        var pausedBefore = GC.GetTotalPauseDuration();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: false);
        var pause = GC.GetTotalPauseDuration() - pausedBefore;
        var count = Interlocked.Increment(ref _count);

        var heap = GcHeapFigures.Take();
        Collected(_logger, count, heap.FullHeapBytes / 1048576.0, heap.FullFragmentedBytes / 1048576.0, pause.TotalMilliseconds);
    }

    [LoggerMessage(EventId = 210, Level = LogLevel.Information,
        Message = "full collection {Count} (full-collection-every): {Alive:0.0} MiB alive after it, {Fragmented:0.0} MiB free inside the heap, pause {Pause:0.0} ms")]
    private static partial void Collected(ILogger logger, long count, double alive, double fragmented, double pause);
}
