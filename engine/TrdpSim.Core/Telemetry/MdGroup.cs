namespace TrdpSim.Telemetry;

/// <summary>Statistics of one configured MD caller or replier.</summary>
public sealed class MdGroup
{
    public MdGroup(string device, string name, MdRole role, uint comId, string description)
    {
        Device = device;
        Name = name;
        Role = role;
        ComId = comId;
        Description = description;
    }

    public string Device { get; }

    public string Name { get; }

    public MdRole Role { get; }

    public uint ComId { get; }

    /// <summary>Caller: protocol and kind; replier: the reply-delay distribution as configured.</summary>
    public string Description { get; }

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
