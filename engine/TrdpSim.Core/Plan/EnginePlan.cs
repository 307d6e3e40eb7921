namespace TrdpSim.Plan;

/// <summary>How the engine's own threads run on the host: the wait's send grid and spin window, real-time
/// scheduling, memory locking, CPU affinity, and how its own stalls are told from the device's faults
/// (TOML <c>[engine]</c>, command-line flags). The wait mode and wheel tick are in <see cref="NetworkPlan"/>.
/// Their ranges are judged by the plan validator, wherever the values came from.</summary>
public sealed class EnginePlan : PlanEntry
{
    /// <summary>The grid that traffic shaping puts first sends on, so intended send times are instants the
    /// wait can hit and telegrams of one instant share a wake-up and a <c>sendmmsg</c>; null = the wait mode's
    /// default (<see cref="DefaultEfficientSendGrid"/> for the efficient wait, <see cref="DefaultRealtimeSendGrid"/>
    /// when real-time scheduling is asked for, the wheel tick otherwise).</summary>
    public TimeSpan? SendGrid { get; set; }

    /// <summary>The efficient wait's spin window before a deadline; null (default) measures it from the
    /// kernel's recent wake-up lateness; zero never spins.</summary>
    public TimeSpan? SpinWindow { get; set; }

    /// <summary>Real-time scheduling policy for the wheel thread (and the receive threads with
    /// <see cref="RealtimeReceive"/>). Default off.</summary>
    public RealtimePolicy Realtime { get; set; } = RealtimePolicy.Off;

    /// <summary>SCHED_FIFO/RR priority, 1–99. Default 10: above ordinary real-time helpers, far below the
    /// kernel's own threads (which run at 50 and above).</summary>
    public int RealtimePriority { get; set; } = 10;

    /// <summary>Give the receive threads the real-time policy too. Default false.</summary>
    public bool RealtimeReceive { get; set; }

    /// <summary>How long a PD receive thread waits, once it has read everything queued on its socket, before it
    /// reads again; null = <see cref="DefaultReceiveInterval"/> (<see cref="DefaultRealtimeReceiveInterval"/> when
    /// real-time scheduling is asked for), zero = read each datagram as it arrives.</summary>
    /// <remarks>A receive thread that sleeps in the socket's wait queue is woken by every burst the wheel sends,
    /// and on loopback the sending thread pays for that wake-up inside its <c>sendmmsg</c>; reading in rhythm
    /// takes the wake-ups (and most of the receive calls) away. Arrivals are timed by the kernel's receive
    /// timestamp, not by the read, so figures keep their precision; what waits is the handling: a timeout
    /// is seen, and a pull request answered, up to this much later.</remarks>
    public TimeSpan? ReceiveInterval { get; set; }

    /// <summary>Whether a send batch's run of datagrams to one destination with one length goes to the kernel as one
    /// message it cuts into them (Linux UDP_SEGMENT). Default <see cref="SendSegmentation.Auto"/>.</summary>
    /// <remarks>The datagrams that reach receivers are the same either way; the kernel's work per datagram is about
    /// half (bench/RESULTS.md). A packet capture on the sending host, though, sees each such message as one large
    /// datagram (on loopback, and on a NIC that segments in hardware), so the automatic choice pauses while any
    /// packet capture is open on the host's network namespace.</remarks>
    public SendSegmentation SegmentSends { get; set; } = SendSegmentation.Auto;

    /// <summary>The receive buffer each socket asks the kernel for, in bytes (64 KiB … 1 GiB). Default 4 MiB.</summary>
    /// <remarks>It is what holds a burst while a receive thread is not running: at 100k datagrams/s of 80 bytes, the
    /// default holds about 80 ms. Linux caps a request at <c>net.core.rmem_max</c> (208 KiB on a host nobody tuned);
    /// with CAP_NET_ADMIN trdpsim goes past the cap, without it the run reports the smaller size it got.</remarks>
    public int ReceiveBufferBytes { get; set; } = DefaultReceiveBufferBytes;

    /// <summary>Lock the process's memory (<c>mlockall</c>) so no page fault stalls a hot path. Default false.</summary>
    public bool LockMemory { get; set; }

    /// <summary>CPUs the wheel thread may run on (empty = any).</summary>
    public IReadOnlyList<int> WheelCpus { get; set; } = [];

    /// <summary>CPUs the receive threads may run on (empty = any).</summary>
    public IReadOnlyList<int> ReceiveCpus { get; set; } = [];

    /// <summary>Shortest delay of one of trdpsim's own threads that counts as a stall. Default 5 ms.</summary>
    public TimeSpan StallThreshold { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Whether timeouts, losses and late samples that fell inside trdpsim's own stalls count against
    /// the device in threshold verdicts. Default false: they are reported apart and left out.</summary>
    public bool StallsInVerdicts { get; set; }

    /// <summary>Force a full, blocking garbage collection this often (1 min … 24 h), so a soak's memory figures show
    /// what the run keeps rather than garbage not yet collected. Null (default): the runtime decides.</summary>
    public TimeSpan? FullCollectionEvery { get; set; }

    /// <summary>The default receive buffer per socket: 4 MiB (TCNopen's socket buffer size).</summary>
    public const int DefaultReceiveBufferBytes = 4 * 1024 * 1024;

    /// <summary>The efficient wait's default send grid: 1 ms.</summary>
    public static readonly TimeSpan DefaultEfficientSendGrid = TimeSpan.FromMilliseconds(1);

    /// <summary>The default send grid with real-time scheduling asked for: 200 µs (two ticks of the default wheel). A
    /// real-time wheel wakes on time whatever competes for the cores, so fewer telegrams per wake-up shorten the burst
    /// each frame waits behind — which matters most while a packet capture pauses segmented sends and every datagram
    /// of a burst costs the kernel its full work: send lateness p99 ≈ 120 µs there against ≈ 220 µs on a 500 µs grid,
    /// for ≈ 5–10 % of a core more (bench/RESULTS.md §8d).</summary>
    public static readonly TimeSpan DefaultRealtimeSendGrid = TimeSpan.FromMicroseconds(200);

    /// <summary>The default receive interval: 1 ms, the efficient wait's send grid.</summary>
    public static readonly TimeSpan DefaultReceiveInterval = TimeSpan.FromMilliseconds(1);

    /// <summary>The default receive interval with real-time scheduling asked for: 500 µs (halving it too cost more CPU
    /// and gained no send lateness, bench/RESULTS.md §8d).</summary>
    public static readonly TimeSpan DefaultRealtimeReceiveInterval = TimeSpan.FromMicroseconds(500);

    /// <summary>Whether every setting equals <paramref name="other"/>'s (composing runs from several files).</summary>
    public bool SameAs(EnginePlan other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return SendGrid == other.SendGrid && SpinWindow == other.SpinWindow && Realtime == other.Realtime
            && RealtimePriority == other.RealtimePriority && RealtimeReceive == other.RealtimeReceive && LockMemory == other.LockMemory
            && WheelCpus.SequenceEqual(other.WheelCpus) && ReceiveCpus.SequenceEqual(other.ReceiveCpus)
            && StallThreshold == other.StallThreshold && StallsInVerdicts == other.StallsInVerdicts
            && FullCollectionEvery == other.FullCollectionEvery && ReceiveInterval == other.ReceiveInterval
            && SegmentSends == other.SegmentSends && ReceiveBufferBytes == other.ReceiveBufferBytes;
    }
}

/// <summary>Real-time scheduling policies (Linux <c>sched_setscheduler</c>).</summary>
public enum RealtimePolicy
{
    /// <summary>Ordinary time sharing (SCHED_OTHER).</summary>
    Off,

    /// <summary>SCHED_FIFO: runs until it blocks or a higher priority runs.</summary>
    Fifo,

    /// <summary>SCHED_RR: SCHED_FIFO with a time slice among equal priorities.</summary>
    RoundRobin,
}

/// <summary>Whether sends use the kernel's UDP segmentation (<see cref="EnginePlan.SegmentSends"/>).</summary>
public enum SendSegmentation
{
    /// <summary>Segment while no packet capture is open on the host (checked at most every millisecond), so a capture on this
    /// host always sees one datagram per frame.</summary>
    Auto,

    /// <summary>Always segment where the kernel can (Linux 4.18+), captures or not.</summary>
    On,

    /// <summary>Never segment: one message per datagram.</summary>
    Off,
}
