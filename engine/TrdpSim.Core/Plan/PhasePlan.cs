namespace TrdpSim.Plan;

/// <summary>A load stage: for <see cref="Duration"/>, the selected telegrams run at these multipliers,
/// reached by a linear ramp over <see cref="Ramp"/> from the previous stage's values (k6 stages).</summary>
public sealed class PhasePlan : PlanEntry
{
    public string Name { get; set; } = string.Empty;

    public TimeSpan Duration { get; set; }

    /// <summary>Time at the start of the phase to move linearly from the previous values (0 = step).</summary>
    public TimeSpan Ramp { get; set; }

    /// <summary>PD send-rate multiplier: 2 = cycles twice as often, 0.5 = half as often. Default 1.</summary>
    public double PdRate { get; set; } = 1;

    /// <summary>MD call-rate multiplier for callers with an interval. Default 1.</summary>
    public double MdRate { get; set; } = 1;

    /// <summary>Fraction (0…1) of the selected publications that send; the rest are parked. Default 1.</summary>
    public double ActiveFraction { get; set; } = 1;

    /// <summary>Which telegrams the multipliers apply to (default: every telegram of every device).</summary>
    public FaultTarget Select { get; set; } = new();

    /// <summary>Free-form labels, reported with phase changes.</summary>
    public List<string> Tags { get; } = [];
}
