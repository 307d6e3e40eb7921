namespace TrdpSim.Protocol.Statistics;

/// <summary>The numeric fields of TCNopen's statistics dataset (trdp-wire.md §7.8) by name, so a poller can
/// record each one as a series and a threshold can name it.</summary>
/// <remarks>Names are TCNopen's member names (<c>TRDP_STATISTICS_T</c>), prefixed by their block: <c>pd.</c>,
/// <c>udpMd.</c>, <c>tcpMd.</c>, <c>mem.</c>; the top-level members carry none (<c>upTime</c>, <c>numJoin</c>).
/// The names, version, time stamp, addresses and the per-block-class memory arrays are identity or layout,
/// not figures that change with traffic, and are left out. Every field is 32-bit on the wire and wraps there
/// (<see cref="IsCounter"/> tells which ones count events, so a rise is computed modulo 2^32).</remarks>
internal static class StatisticsFields
{
    private static readonly Field[] Table =
    [
        new("upTime", false, static s => s.UpTime),
        new("statisticTime", false, static s => s.StatisticTime),
        new("processPriority", false, static s => s.ProcessPriority),
        new("processCycle", false, static s => s.ProcessCycleMicros),
        new("numJoin", false, static s => s.NumJoin),
        new("numRed", false, static s => s.NumRed),
        new("mem.total", false, static s => s.Memory.Total),
        new("mem.free", false, static s => s.Memory.Free),
        new("mem.minFree", false, static s => s.Memory.MinFree),
        new("mem.numAllocBlocks", false, static s => s.Memory.NumAllocBlocks),
        new("mem.numAllocErr", true, static s => s.Memory.NumAllocErr),
        new("mem.numFreeErr", true, static s => s.Memory.NumFreeErr),
        new("pd.defQos", false, static s => s.Pd.DefaultQos),
        new("pd.defTtl", false, static s => s.Pd.DefaultTtl),
        new("pd.defTimeout", false, static s => s.Pd.DefaultTimeoutMicros),
        new("pd.numSubs", false, static s => s.Pd.NumSubs),
        new("pd.numPub", false, static s => s.Pd.NumPub),
        new("pd.numRcv", true, static s => s.Pd.NumRcv),
        new("pd.numCrcErr", true, static s => s.Pd.NumCrcErr),
        new("pd.numProtErr", true, static s => s.Pd.NumProtErr),
        new("pd.numTopoErr", true, static s => s.Pd.NumTopoErr),
        new("pd.numNoSubs", true, static s => s.Pd.NumNoSubs),
        new("pd.numNoPub", true, static s => s.Pd.NumNoPub),
        new("pd.numTimeout", true, static s => s.Pd.NumTimeout),
        new("pd.numSend", true, static s => s.Pd.NumSend),
        new("pd.numMissed", true, static s => s.Pd.NumMissed),
        .. Md("udpMd", static s => s.UdpMd),
        .. Md("tcpMd", static s => s.TcpMd),
    ];

    /// <summary>How many fields there are.</summary>
    public static int Count => Table.Length;

    /// <summary>The name of field <paramref name="index"/>, e.g. <c>pd.numCrcErr</c>.</summary>
    public static string Name(int index) => Table[index].Name;

    /// <summary>Whether field <paramref name="index"/> counts events (only rises, wraps at 2^32) rather than
    /// describing a state (free memory, number of subscriptions).</summary>
    public static bool IsCounter(int index) => Table[index].Counter;

    /// <summary>The value of field <paramref name="index"/> in <paramref name="statistics"/>.</summary>
    public static uint Read(int index, TrdpStatistics statistics) => Table[index].Read(statistics);

    /// <summary>The index of the field named <paramref name="name"/>, or -1.</summary>
    public static int IndexOf(string name)
    {
        for (var i = 0; i < Table.Length; i++)
        {
            if (Table[i].Name == name)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Every field name, comma-separated (for messages).</summary>
    public static string Names()
    {
        var names = new string[Table.Length];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = Table[i].Name;
        }

        return string.Join(", ", names);
    }

    private static Field[] Md(string prefix, Func<TrdpStatistics, MdStatistics> block) =>
    [
        new(prefix + ".defQos", false, s => block(s).DefaultQos),
        new(prefix + ".defTtl", false, s => block(s).DefaultTtl),
        new(prefix + ".defReplyTimeout", false, s => block(s).DefaultReplyTimeoutMicros),
        new(prefix + ".defConfirmTimeout", false, s => block(s).DefaultConfirmTimeoutMicros),
        new(prefix + ".numList", false, s => block(s).NumList),
        new(prefix + ".numRcv", true, s => block(s).NumRcv),
        new(prefix + ".numCrcErr", true, s => block(s).NumCrcErr),
        new(prefix + ".numProtErr", true, s => block(s).NumProtErr),
        new(prefix + ".numTopoErr", true, s => block(s).NumTopoErr),
        new(prefix + ".numNoListener", true, s => block(s).NumNoListener),
        new(prefix + ".numReplyTimeout", true, s => block(s).NumReplyTimeout),
        new(prefix + ".numConfirmTimeout", true, s => block(s).NumConfirmTimeout),
        new(prefix + ".numSend", true, s => block(s).NumSend),
    ];

    private sealed record Field(string Name, bool Counter, Func<TrdpStatistics, uint> Read);
}
