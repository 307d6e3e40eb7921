namespace TrdpSim.Distributions;

/// <summary>One point of an empirical latency profile: "<see cref="Percentile"/> % of replies take at most
/// <see cref="DelayNanoseconds"/>", e.g. (99, 20 ms) for p99 = 20 ms.</summary>
/// <param name="Percentile">Percentile in [0, 100] (p50 is 50, not 0.5).</param>
/// <param name="DelayNanoseconds">Delay at that percentile in nanoseconds (≥ 0).</param>
internal readonly record struct PercentilePoint(double Percentile, long DelayNanoseconds);
