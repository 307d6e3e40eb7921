namespace TrdpSim.Telemetry;

/// <summary>Statistics of one configured MD caller or replier.</summary>
/// <param name="Device">The device the caller or replier belongs to.</param>
/// <param name="Name">The caller's or replier's name.</param>
/// <param name="Role">Caller or replier.</param>
/// <param name="ComId">The ComId it calls or answers.</param>
/// <param name="Description">Caller: protocol and kind; replier: the reply-delay distribution as configured.</param>
/// <remarks>Two groups are never equal: each owns its counters and histogram.</remarks>
public sealed record MdGroup(string Device, string Name, MdRole Role, uint ComId, string Description)
{
    public MdCounters Counters { get; } = new();

    /// <summary>Caller: round-trip time from the <em>intended</em> send time to each reply (no
    /// coordinated omission). Replier: measured reply delay (request received → reply sent).</summary>
    public LatencyRecorder Latency { get; } = new(significantDigits: 3);

    /// <summary>Replier: the configured delay distribution's quantile (ns) for a probability; null for callers.</summary>
    public Func<double, double>? ConfiguredQuantile { get; init; }
}

/// <summary>MD side of a group.</summary>
public enum MdRole
{
    Caller,
    Replier,
}
