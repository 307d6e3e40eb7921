using TrdpSim.Scheduling;

namespace TrdpSim.Events;

/// <summary>Sizes and pace of a <see cref="RunEventBus"/>.</summary>
public sealed class RunEventBusOptions
{
    /// <summary>Events the posting ring holds before a post is refused and counted. Default 16 384.</summary>
    public int PostCapacity { get; set; } = 16_384;

    /// <summary>Events kept for catch-up, at most. Default 16 384.</summary>
    public int HistoryCapacity { get; set; } = 16_384;

    /// <summary>Bytes of JSON the kept events may hold: the size the history's ring grows to while a run starts and
    /// then keeps; the oldest events go first beyond it. Default 4 MiB: a run's memory levels off once the history is
    /// full, whatever its events weigh.</summary>
    public long HistoryBytes { get; set; } = 4L << 20;

    /// <summary>How often the pump moves posted events on. Default 10 ms.</summary>
    public TimeSpan PumpInterval { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>The pump thread's niceness (Linux): it yields the CPU to the timing wheel at once. Default
    /// <see cref="BackgroundPriority.DefaultNice"/>; 0 leaves it as inherited.</summary>
    public int PumpNice { get; set; } = BackgroundPriority.DefaultNice;
}
