using HdrHistogram;

namespace TrdpSim.Telemetry;

/// <summary>A latency distribution fed from hot paths and read by reporting threads.</summary>
/// <remarks>
/// Writers call <see cref="Record(long)"/> from any thread without locks or allocation (HdrHistogram's
/// <see cref="Recorder"/> flips between two histograms with a writer/reader phaser). Readers
/// (progress line, summary, Prometheus scrape) call <see cref="Refresh"/>, which folds the interval
/// since the last refresh into a cumulative histogram under a lock held only by readers.
/// Values are nanoseconds, 1 ns … 60 s, two significant digits (±1 %): small enough to keep one per
/// configured telegram (≈ 60 KB each) and precise enough for µs-level lateness.
/// </remarks>
public sealed class LatencyRecorder
{
    /// <summary>Largest value tracked; larger samples are clamped to it (and counted in max).</summary>
    public const long HighestNanoseconds = 60_000_000_000;

    private readonly Recorder _recorder;
    private readonly LongHistogram _cumulative;
    private HistogramBase _interval;
    private readonly Lock _readLock = new();
    private readonly int _significantDigits;
    private LatencyBuckets? _buckets;
    private LongHistogram? _window;
    private LongHistogram[] _windows = [];

    /// <param name="significantDigits">2 (default, ±1 %, ≈ 60 KB) or 3 (±0.1 %, ≈ 0.8 MB): three
    /// digits are for the few distributions whose shape is the point, such as MD reply delays checked
    /// against their configured percentiles.</param>
    public LatencyRecorder(int significantDigits = 2)
    {
        _significantDigits = significantDigits;
        _recorder = new Recorder(1, HighestNanoseconds, significantDigits, static (id, low, high, digits) => new LongHistogram(id, low, high, digits));
        _cumulative = new LongHistogram(1, HighestNanoseconds, significantDigits);
        // The recycled interval histogram must come from the recorder itself (HdrHistogram checks).
        _interval = _recorder.GetIntervalHistogram();
    }

    /// <summary>Records one sample. Negative values count as 0 (rounded up to 1 ns).</summary>
    public void Record(long nanoseconds) => Record(nanoseconds, 1);

    /// <summary>Records <paramref name="count"/> samples of the same value (one phaser round trip).</summary>
    /// <remarks>PERF: telegrams sent in one batch for the same tick share their lateness; recording
    /// them as one value with a count saves two interlocked operations per telegram (saturation run).</remarks>
    public void Record(long nanoseconds, long count)
    {
        if (nanoseconds < 1)
        {
            nanoseconds = 1;
        }
        else if (nanoseconds > HighestNanoseconds)
        {
            nanoseconds = HighestNanoseconds;
        }

        _recorder.RecordValueWithCount(nanoseconds, count);
    }

    /// <summary>Folds everything recorded since the last call into the cumulative view and returns it.</summary>
    /// <remarks>Readers only. The returned snapshot is a copy the caller owns.</remarks>
    public LatencySnapshot Refresh()
    {
        lock (_readLock)
        {
            FoldPending();
            return LatencySnapshot.From(_cumulative);
        }
    }

    /// <summary>An empty histogram with this recorder's range and precision (for <see cref="AddCumulativeTo"/>).</summary>
    public LongHistogram NewHistogram() => new(1, HighestNanoseconds, _significantDigits);

    /// <summary>Folds pending samples into the cumulative view and adds it to <paramref name="target"/>.</summary>
    /// <remarks>Readers only (threshold evaluation); no allocation when <paramref name="target"/> comes
    /// from <see cref="NewHistogram"/>. Several recorders can be merged into one target this way.</remarks>
    public void AddCumulativeTo(HistogramBase target)
    {
        lock (_readLock)
        {
            FoldPending();
            target.Add(_cumulative);
        }
    }

    /// <summary>Starts keeping fixed-bucket counts of every sample (since start) for a Prometheus histogram;
    /// later calls do nothing. Costs one pass over each folded interval, on the reader side.</summary>
    public void TrackBuckets()
    {
        lock (_readLock)
        {
            if (_buckets is null)
            {
                FoldPending();
                _buckets = new LatencyBuckets();
                _buckets.Add(_cumulative);
            }
        }
    }

    /// <summary>Folds pending samples and copies the bucket counts and sums (ns) since start; false when
    /// <see cref="TrackBuckets"/> was never called.</summary>
    public bool ReadBuckets(Span<long> counts, Span<double> sums)
    {
        lock (_readLock)
        {
            if (_buckets is null)
            {
                return false;
            }

            FoldPending();
            _buckets.CopyTo(counts, sums);
            return true;
        }
    }

    /// <summary>The samples recorded since the previous call (the first call starts the window and returns an
    /// empty snapshot): a windowed view for self-monitoring, next to the since-start one. One reader only.</summary>
    public LatencySnapshot TakeWindow()
    {
        lock (_readLock)
        {
            FoldPending();
            if (_window is null)
            {
                _window = NewHistogram();
                return default;
            }

            var snapshot = LatencySnapshot.From(_window);
            _window.Reset();
            return snapshot;
        }
    }

    /// <summary>Opens a window of its own on this distribution: every sample recorded from now on also lands in
    /// the window until <see cref="LatencyWindow.Take"/> empties it (a run store's per-interval percentiles).</summary>
    /// <remarks>Each window is one more fixed-size histogram (≈ 60 KB at two digits) filled on the reader side,
    /// when samples are folded: nothing changes for the writers. Open windows at set-up; they stay open.</remarks>
    public LatencyWindow OpenWindow()
    {
        lock (_readLock)
        {
            FoldPending();
            LongHistogram window = NewHistogram();
            _windows = [.. _windows, window];
            return new LatencyWindow(this, window);
        }
    }

    /// <summary>The window's samples since its last take, then empties it (readers only).</summary>
    internal LatencySnapshot TakeWindow(LongHistogram window)
    {
        lock (_readLock)
        {
            FoldPending();
            LatencySnapshot snapshot = LatencySnapshot.From(window);
            window.Reset();
            return snapshot;
        }
    }

    /// <summary>Moves the samples recorded since the last read into the cumulative view, the buckets and the
    /// self-monitor's window when they are kept, and every open window (under the read lock).</summary>
    private void FoldPending()
    {
        _interval = _recorder.GetIntervalHistogram(_interval);
        _cumulative.Add(_interval);
        _buckets?.Add(_interval);
        _window?.Add(_interval);
        foreach (LongHistogram window in _windows)
        {
            window.Add(_interval);
        }
    }
}
