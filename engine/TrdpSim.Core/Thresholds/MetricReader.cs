using HdrHistogram;
using TrdpSim.Plan.Thresholds;
using TrdpSim.Telemetry;

namespace TrdpSim.Thresholds;

/// <summary>Reads the current cumulative value of one threshold's selected series.</summary>
/// <remarks>Built once by <see cref="MetricBinder"/> against the run's telemetry; read only by the
/// threshold monitor's thread (and at the end of the run), never on a hot path.</remarks>
internal abstract class MetricReader(MetricDefinition metric, int seriesCount)
{
    public MetricDefinition Metric { get; } = metric;

    /// <summary>How many telemetry series the selector matched (0: the threshold sees no data).</summary>
    public int SeriesCount { get; } = seriesCount;
}

/// <summary>Counter, ratio and gauge metrics: a sum over the matched series.</summary>
internal sealed class CountReader(MetricDefinition metric, int seriesCount, Func<CountSample> read) : MetricReader(metric, seriesCount)
{
    public CountSample Read() => read();
}

/// <summary>Latency metrics: the matched recorders merged into one histogram.</summary>
internal sealed class LatencyReader : MetricReader
{
    private readonly LatencyRecorder[] _sources;

    public LatencyReader(MetricDefinition metric, LatencyRecorder[] sources) : base(metric, sources.Length) => _sources = sources;

    /// <summary>An empty histogram of the sources' precision.</summary>
    public LongHistogram NewHistogram() => _sources.Length > 0 ? _sources[0].NewHistogram() : new LatencyRecorder().NewHistogram();

    /// <summary>Replaces the content of <paramref name="target"/> with the merged cumulative distribution.</summary>
    public void ReadInto(LongHistogram target)
    {
        target.Reset();
        foreach (LatencyRecorder source in _sources)
        {
            source.AddCumulativeTo(target);
        }
    }
}
