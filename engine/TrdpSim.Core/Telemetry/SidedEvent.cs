namespace TrdpSim.Telemetry;

/// <summary>One event of a fixed event set (<see cref="MdEvents"/>, <see cref="TcpEvents"/>): its name — a table
/// column, JSON key and Prometheus label value —, the side of the exchange it can happen on (null for both) and how
/// its count is read from that side's figures.</summary>
/// <typeparam name="TSide">The sides of the exchange (caller and replier, client and server).</typeparam>
/// <typeparam name="TFigures">The figures the count is read from.</typeparam>
internal readonly record struct SidedEvent<TSide, TFigures>(string Name, TSide? Side, Func<TFigures, long> Read)
    where TSide : struct, Enum
{
    /// <summary>Whether the event can happen on <paramref name="side"/>.</summary>
    public bool AppliesTo(TSide side) => Side is not { } only || EqualityComparer<TSide>.Default.Equals(only, side);
}
