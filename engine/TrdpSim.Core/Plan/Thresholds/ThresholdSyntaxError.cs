namespace TrdpSim.Plan.Thresholds;

/// <summary>A problem in a metric selector or rule text.</summary>
/// <param name="InMetric">True when the problem is in the selector, false when in the rule.</param>
/// <param name="Offset">0-based character offset in that text (so a TOML binder can point at the
/// exact column inside the string).</param>
/// <param name="Message">What is wrong, with the valid choices where there is a list.</param>
internal readonly record struct ThresholdSyntaxError(bool InMetric, int Offset, string Message);
