namespace TrdpSim.Thresholds;

/// <summary>A cumulative reading of a counter, ratio or gauge metric.</summary>
/// <param name="Numerator">The count (counters), the numerator (ratios) or the value (gauges).</param>
/// <param name="Denominator">The ratio's denominator (ratios only).</param>
internal readonly record struct CountSample(long Numerator, long Denominator);
