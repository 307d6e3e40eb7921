namespace TrdpSim.Telemetry;

/// <summary>What a telegram group does on its device.</summary>
public enum TelegramRole
{
    Publish,
    Subscribe,
    Pull,
}

/// <summary>The statistics of one configured telegram (a plan entry), with all its instances.</summary>
/// <param name="Device">The device the telegram belongs to.</param>
/// <param name="Name">The telegram's name in the plan.</param>
/// <param name="Role">Publish, subscribe or pull.</param>
/// <param name="FirstComId">The ComId of the first instance.</param>
/// <remarks>
/// A plan entry with <c>count = 10000</c> is one group with 10,000 instance counters but one pair of
/// histograms: per-instance histograms would cost ≈ 60 KB each, and reports and Prometheus labels are
/// per configured telegram anyway (bounded cardinality). Two groups are never equal: each owns its counters
/// and histograms.
/// </remarks>
public sealed record TelegramGroup(string Device, string Name, TelegramRole Role, uint FirstComId)
{
    private readonly List<TelegramCounters> _instances = [];

    /// <summary>Send lateness (actual − intended send time) for publications; pull round-trip for pulls.</summary>
    public LatencyRecorder Lateness { get; } = new();

    /// <summary>Subscriptions with a redundant pair of sources: the gap between the last telegram from the old
    /// source and the first from the new one at each switchover.</summary>
    public LatencyRecorder SwitchoverGap { get; } = new();

    /// <summary>Subscriptions of a multi-homed source: one entry per interface of the source (set-up only; null otherwise).</summary>
    internal PathFigures[]? Paths { get; set; }

    /// <summary>Inter-arrival jitter |interval − expected cycle| for subscriptions.</summary>
    public LatencyRecorder Jitter { get; } = new();

    public int InstanceCount => _instances.Count;

    /// <summary>Adds an instance (set-up time only, before the run starts).</summary>
    public TelegramCounters AddInstance()
    {
        var counters = new TelegramCounters();
        _instances.Add(counters);
        return counters;
    }

    /// <summary>Cycles the instances skipped (<see cref="TelegramCounters.DroppedCycles"/>), summed without a
    /// <see cref="Totals"/> object: the self-monitor reads it every second (readers; O(instances)).</summary>
    internal long DroppedCycles()
    {
        long dropped = 0;
        foreach (var instance in _instances)
        {
            dropped += Volatile.Read(ref instance.DroppedCycles);
        }

        return dropped;
    }

    /// <summary>Sums the instance counters (readers; O(instances)).</summary>
    public TelegramCounters Totals()
    {
        var total = new TelegramCounters();
        AddTotalsTo(total);
        return total;
    }

    /// <summary>Adds the instance counters into <paramref name="total"/> (readers; O(instances)): several groups
    /// summed into one object.</summary>
    internal void AddTotalsTo(TelegramCounters total)
    {
        ArgumentNullException.ThrowIfNull(total);
        foreach (var instance in _instances)
        {
            total.Accumulate(instance);
        }
    }
}
