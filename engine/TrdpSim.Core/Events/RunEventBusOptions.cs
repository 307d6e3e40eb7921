namespace TrdpSim.Events;

/// <summary>Sizes and pace of a <see cref="RunEventBus"/>.</summary>
public sealed class RunEventBusOptions
{
    /// <summary>Events the posting ring holds before a post is refused and counted. Default 16 384.</summary>
    public int PostCapacity { get; set; } = 16_384;

    /// <summary>Events kept for catch-up. Default 16 384 (a few MB at most).</summary>
    public int HistoryCapacity { get; set; } = 16_384;

    /// <summary>How often the pump moves posted events on. Default 10 ms.</summary>
    public TimeSpan PumpInterval { get; set; } = TimeSpan.FromMilliseconds(10);
}
