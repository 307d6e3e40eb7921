namespace TrdpSim.Telemetry;

/// <summary>One path of a multi-homed source as a subscription sees it: the copies that came over the source's
/// interface <see cref="Name"/>, the counters that path lost, the copies that were not the first of their counter
/// (redundant: the other path was faster), when it was last heard and how often it fell silent.</summary>
/// <remarks>Written by the subscription's receive thread, read by reporting threads. Shared by the instances of
/// one subscription group (they run on the same thread).</remarks>
internal sealed class PathFigures
{
    public PathFigures(string name) => Name = name;

    /// <summary>The source's interface: <c>a</c>, <c>b</c>, … in the order of its <c>interfaces</c>.</summary>
    public string Name { get; }

    /// <summary>Telegrams received over this path (first arrivals and redundant copies).</summary>
    public long Received;

    /// <summary>Sequence counters this path skipped (whether or not the other path delivered them).</summary>
    public long Lost;

    /// <summary>Copies whose counter the other path had delivered first: counted here, not as duplicates.</summary>
    public long Redundant;

    /// <summary>Times the path fell silent for the subscription's timeout while the telegram was still supervised.</summary>
    public long Down;

    /// <summary>1 while the path is silent (down), 0 while it delivers.</summary>
    public long IsDown;

    /// <summary>Monotonic time of the last telegram over this path (0 = never).</summary>
    public long LastSeenNanoseconds;
}
