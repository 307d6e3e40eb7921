using TrdpSim.Scheduling;
using TrdpSim.Transport;

namespace TrdpSim.Telemetry;

/// <summary>
/// Tells the effects a PD receive socket sees that trdpsim caused itself from those of the device under test:
/// timeouts whose deadline fell inside a stall of the engine's own threads, jitter samples whose interval
/// overlapped one, and sequence gaps the kernel made by dropping datagrams because this socket's reader fell
/// behind.
/// </summary>
/// <remarks>
/// <para><b>Which stalls count.</b> For PD, the wheel (it sends the simulator's own publications) and the PD
/// receive threads (they read the wire and supervise). A stall is judged at the moment that decided the
/// effect: a timeout is self-inflicted when such a stall was in progress at its deadline (a stall that had
/// ended before it could not have held back the next telegram).</para>
/// <para><b>Losses.</b> A receive stall does not lose telegrams by itself — the socket buffer keeps them — until
/// the buffer is full: the kernel then drops datagrams and counts them on the socket. Each gap a subscription
/// finds claims up to its size from the drops not yet claimed on its socket.</para>
/// <para><b>Threading.</b> The receive thread of the socket only (one per dispatcher). Allocation-free.</para>
/// </remarks>
internal sealed class SelfInflictedCheck
{
    /// <summary>The threads whose stalls count for PD effects.</summary>
    public const StallSources PdSources = StallSources.Wheel | StallSources.PdReceive;

    /// <summary>The threads whose stalls count for MD effects: the wheel (it sends, times out and handles every
    /// MD frame), the MD receive threads and, with MD over TCP, the thread pool its frames arrive on, and the scenario
    /// worker (scripted replies).</summary>
    public const StallSources MdSources = StallSources.Wheel | StallSources.MdReceive | StallSources.Scripts;

    private readonly StallMonitor _stalls;
    private readonly IUdpEndpoint? _socket;
    private readonly LatencyRecorder _stallJitter;
    private readonly bool _inVerdicts;
    private long _dropsSeen;
    private long _unclaimed;

    /// <param name="telemetry">The run's telemetry: its stall monitor, its record of jitter inside stalls, and
    /// whether those count against the device (<see cref="RunTelemetry.StallsInVerdicts"/>).</param>
    /// <param name="socket">The receive socket whose kernel drops explain gaps (null: none do).</param>
    public SelfInflictedCheck(RunTelemetry telemetry, IUdpEndpoint? socket)
    {
        ArgumentNullException.ThrowIfNull(telemetry);
        _stalls = telemetry.Stalls;
        _stallJitter = telemetry.StallJitter;
        _inVerdicts = telemetry.StallsInVerdicts;
        _socket = socket;
        _dropsSeen = socket?.ReadReceiveDrops() ?? -1;
    }

    /// <summary>Records a jitter sample measured over [<paramref name="fromNanoseconds"/>, now]: in the group's
    /// figures when no stall of trdpsim's own overlapped it, otherwise in the run's record of jitter inside
    /// stalls (and in the group's too when stalls count in verdicts).</summary>
    public void RecordJitter(LatencyRecorder group, long value, long fromNanoseconds, long nowNanoseconds)
    {
        if (!SampleInStall(fromNanoseconds, nowNanoseconds))
        {
            group.Record(value);
            return;
        }

        _stallJitter.Record(value);
        if (_inVerdicts)
        {
            group.Record(value);
        }
    }

    /// <summary>Whether a timeout with this deadline, found now, fell inside one of trdpsim's own stalls.</summary>
    public bool TimeoutInStall(long deadlineNanoseconds, long nowNanoseconds) =>
        _stalls.StalledAt(deadlineNanoseconds, nowNanoseconds, PdSources);

    /// <summary>Whether a sample measured over [from, now] (an inter-arrival interval) overlapped a stall.</summary>
    public bool SampleInStall(long fromNanoseconds, long nowNanoseconds) =>
        _stalls.Affected(fromNanoseconds, nowNanoseconds, nowNanoseconds, PdSources);

    /// <summary>Of a gap of <paramref name="lost"/> telegrams found now, how many the kernel dropped at this
    /// socket (reads the socket's drop count; the drops a gap claims are not claimed again).</summary>
    public long ClaimDrops(long lost)
    {
        if (lost <= 0 || _socket is null)
        {
            return 0;
        }

        long drops = _socket.ReadReceiveDrops();
        if (drops >= 0 && _dropsSeen >= 0 && drops > _dropsSeen)
        {
            _unclaimed += drops - _dropsSeen;
        }

        if (drops >= 0)
        {
            _dropsSeen = drops;
        }

        long claimed = Math.Min(lost, _unclaimed);
        _unclaimed -= claimed;
        return claimed;
    }
}
