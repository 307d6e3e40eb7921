namespace TrdpSim.Scenarios.Runtime;

/// <summary>The three load multipliers a phase sets; <see cref="Neutral"/> is the plan as written.</summary>
internal readonly record struct PhaseValues(double PdRate, double MdRate, double ActiveFraction)
{
    public static PhaseValues Neutral => new(1, 1, 1);

    /// <summary>Linear interpolation from <paramref name="from"/> (t = 0) to <paramref name="to"/> (t = 1).</summary>
    public static PhaseValues Lerp(PhaseValues from, PhaseValues to, double t)
    {
        t = Math.Clamp(t, 0, 1);
        return new(
            from.PdRate + ((to.PdRate - from.PdRate) * t),
            from.MdRate + ((to.MdRate - from.MdRate) * t),
            from.ActiveFraction + ((to.ActiveFraction - from.ActiveFraction) * t));
    }
}
