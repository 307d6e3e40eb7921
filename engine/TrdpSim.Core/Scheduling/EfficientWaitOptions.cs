namespace TrdpSim.Scheduling;

/// <summary>Settings of an <see cref="EfficientWaitStrategy"/>. Every property states its default.</summary>
public sealed class EfficientWaitOptions
{
    /// <summary>A fixed spin window (ns), or null (default) to measure it: the <see cref="Quantile"/> of
    /// the recent sleep overshoots plus <see cref="MarginNanoseconds"/>. 0 never spins (pure sleep).</summary>
    public long? FixedWindowNanoseconds { get; init; }

    /// <summary>Which quantile of the measured sleep overshoot the window covers. Default 0.9: nine wake-ups in
    /// ten land on the deadline, the tenth is late by what the kernel was late beyond the window.</summary>
    public double Quantile { get; init; } = 0.9;

    /// <summary>Added to the measured quantile (the time to read the clock and return). Default 5 µs.</summary>
    public long MarginNanoseconds { get; init; } = 5_000;

    /// <summary>Upper bound of a measured window. Default 200 µs, the precision mode's fixed margin: an
    /// overshoot beyond it is a loaded host, where spinning longer only takes CPU from what delays us.</summary>
    public long MaxWindowNanoseconds { get; init; } = 200_000;

    /// <summary>Optional bound on spinning (<see cref="SpinBudget"/>); always set for a real-time thread.</summary>
    public SpinBudget? Budget { get; init; }
}
