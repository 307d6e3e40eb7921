using TrdpSim.Telemetry;

namespace TrdpSim.Reporting;

/// <summary>The points of a <see cref="LatencySnapshot"/>'s distribution under the keys every JSON report of one
/// uses (the summary in nanoseconds, the live stream's samples in seconds), in the order they write them.</summary>
internal static class LatencyFigures
{
    /// <summary>The percentiles, then the largest sample.</summary>
    public static readonly (string Key, Func<LatencySnapshot, long> Read)[] Points =
    [
        ("p50", static s => s.P50),
        ("p90", static s => s.P90),
        ("p99", static s => s.P99),
        ("p999", static s => s.P999),
        ("max", static s => s.Max),
    ];
}
