using Prometheus;
using TrdpSim.Telemetry;

namespace TrdpSim.Reporting;

/// <summary>One Prometheus histogram series fed from one or more <see cref="LatencyRecorder"/>s: at scrape time
/// it reads their bucket counts since start (<see cref="LatencyBuckets"/>) and observes what was added since the
/// last scrape, so the series' buckets, sum and count grow exactly as the recorders' samples do.</summary>
/// <remarks>
/// Several recorders (the telegrams beyond the labelled ones, summed into <c>_other</c>) simply add up:
/// histograms merge, percentiles do not. The samples added to a bucket since the last scrape are observed as one
/// value with their count, at their mean (kept inside the bucket), so the sum stays right to the recorder's
/// ±1 %. No allocation per scrape; nothing on the hot path.
/// </remarks>
internal sealed class LatencyHistogramSeries
{
    private static readonly double[] Bounds = LatencyBuckets.UpperBoundsSeconds();

    private readonly IHistogram _child;
    private readonly List<LatencyRecorder> _recorders = [];
    private readonly long[] _counts = new long[LatencyBuckets.Count];
    private readonly double[] _sums = new double[LatencyBuckets.Count];
    private readonly long[] _one = new long[LatencyBuckets.Count];
    private readonly double[] _oneSums = new double[LatencyBuckets.Count];
    private readonly long[] _lastCounts = new long[LatencyBuckets.Count];
    private readonly double[] _lastSums = new double[LatencyBuckets.Count];

    public LatencyHistogramSeries(IHistogram child) => _child = child;

    /// <summary>The bucket bounds (seconds) every such histogram is created with.</summary>
    public static HistogramConfiguration Configuration(string[] labels) => new() { Buckets = Bounds, LabelNames = labels };

    public void Add(LatencyRecorder recorder)
    {
        recorder.TrackBuckets();
        _recorders.Add(recorder);
    }

    /// <summary>Observes what the recorders gained since the last call (under the exporter's collect lock).</summary>
    public void Update()
    {
        Array.Clear(_counts);
        Array.Clear(_sums);
        foreach (var recorder in _recorders)
        {
            recorder.ReadBuckets(_one, _oneSums);
            for (var b = 0; b < _counts.Length; b++)
            {
                _counts[b] += _one[b];
                _sums[b] += _oneSums[b];
            }
        }

        for (var b = 0; b < _counts.Length; b++)
        {
            var added = _counts[b] - _lastCounts[b];
            if (added <= 0)
            {
                continue;
            }

            var mean = (_sums[b] - _lastSums[b]) / added / 1e9;
            _child.Observe(InsideBucket(mean, b), added);
            _lastCounts[b] = _counts[b];
            _lastSums[b] = _sums[b];
        }
    }

    /// <summary>Keeps an observed mean inside its bucket (lower bound exclusive, upper inclusive), whatever the
    /// rounding of nanoseconds to seconds did.</summary>
    internal static double InsideBucket(double seconds, int bucket)
    {
        if (bucket < Bounds.Length && seconds > Bounds[bucket])
        {
            seconds = Bounds[bucket];
        }

        if (bucket > 0 && seconds <= Bounds[bucket - 1])
        {
            seconds = Math.BitIncrement(Bounds[bucket - 1]);
        }

        return seconds;
    }
}
