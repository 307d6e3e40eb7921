namespace TrdpSim.Protocol.Statistics;

/// <summary>
/// The values of TCNopen's statistics telegram (ComId 31, trdp-wire.md §7.8): a device's identity and its PD,
/// UDP-MD and TCP-MD counters. Mutable and reused: a responder fills one instance per reply in place.
/// </summary>
/// <remarks>All counters are 32-bit on the wire and wrap there. The <see cref="Memory"/> block describes
/// TCNopen's own block allocator; a stack without one reports zeros.</remarks>
internal sealed class TrdpStatistics
{
    /// <summary>Offset 0: stack version, one byte each (2.2.23.76 = 0x0202174C).</summary>
    public uint Version;

    /// <summary>Offset 4: time stamp (TCNopen leaves it 0).</summary>
    public ulong TimeStamp;

    /// <summary>Offset 12: seconds since the stack started.</summary>
    public uint UpTime;

    /// <summary>Offset 16: seconds since the statistics were last reset.</summary>
    public uint StatisticTime;

    /// <summary>Offset 20: host name, at most 16 ASCII characters.</summary>
    public string HostName = string.Empty;

    /// <summary>Offset 36: leader name, at most 16 ASCII characters.</summary>
    public string LeaderName = string.Empty;

    /// <summary>Offset 52: own IPv4 address, host order.</summary>
    public uint OwnIpAddress;

    /// <summary>Offset 56: leader IPv4 address, host order.</summary>
    public uint LeaderIpAddress;

    /// <summary>Offset 60: process priority.</summary>
    public uint ProcessPriority;

    /// <summary>Offset 64: process cycle in µs.</summary>
    public uint ProcessCycleMicros;

    /// <summary>Offset 68: multicast groups joined.</summary>
    public uint NumJoin;

    /// <summary>Offset 72: redundancy groups.</summary>
    public uint NumRed;

    /// <summary>Offset 76: the allocator block (144 bytes).</summary>
    public MemoryStatistics Memory { get; } = new();

    /// <summary>Offset 220: process data (14 values).</summary>
    public PdStatistics Pd { get; } = new();

    /// <summary>Offset 276: message data over UDP (13 values).</summary>
    public MdStatistics UdpMd { get; } = new();

    /// <summary>Offset 328: message data over TCP (13 values).</summary>
    public MdStatistics TcpMd { get; } = new();
}

/// <summary>TCNopen's allocator figures inside <see cref="TrdpStatistics"/>.</summary>
internal sealed class MemoryStatistics
{
    /// <summary>Block sizes of the allocator: 15.</summary>
    public const int BlockSizes = 15;

    public uint Total;
    public uint Free;
    public uint MinFree;
    public uint NumAllocBlocks;
    public uint NumAllocErr;
    public uint NumFreeErr;

    /// <summary>Size of each block class.</summary>
    public uint[] BlockSize { get; } = new uint[BlockSizes];

    /// <summary>Blocks in use per class.</summary>
    public uint[] UsedBlockSize { get; } = new uint[BlockSizes];
}

/// <summary>The PD block of <see cref="TrdpStatistics"/>, in wire order.</summary>
internal sealed class PdStatistics
{
    public uint DefaultQos;
    public uint DefaultTtl;

    /// <summary>Default subscription timeout in µs.</summary>
    public uint DefaultTimeoutMicros;
    public uint NumSubs;
    public uint NumPub;

    /// <summary>Frames that passed the frame checks (including ones dropped later for topo or no subscription).</summary>
    public uint NumRcv;
    public uint NumCrcErr;

    /// <summary>Size, version, length or type errors.</summary>
    public uint NumProtErr;
    public uint NumTopoErr;
    public uint NumNoSubs;
    public uint NumNoPub;
    public uint NumTimeout;
    public uint NumSend;

    /// <summary>Telegrams missing from sequences.</summary>
    public uint NumMissed;
}

/// <summary>The UDP-MD or TCP-MD block of <see cref="TrdpStatistics"/>, in wire order.</summary>
internal sealed class MdStatistics
{
    public uint DefaultQos;
    public uint DefaultTtl;
    public uint DefaultReplyTimeoutMicros;
    public uint DefaultConfirmTimeoutMicros;

    /// <summary>Listeners (repliers).</summary>
    public uint NumList;
    public uint NumRcv;
    public uint NumCrcErr;
    public uint NumProtErr;
    public uint NumTopoErr;
    public uint NumNoListener;
    public uint NumReplyTimeout;
    public uint NumConfirmTimeout;
    public uint NumSend;
}
