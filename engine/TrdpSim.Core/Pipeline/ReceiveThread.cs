using TrdpSim.Scheduling;
using TrdpSim.Telemetry;
using TrdpSim.Transport;

namespace TrdpSim.Pipeline;

/// <summary>What every receive loop is made of besides the meaning of its datagrams: one socket, the pinned
/// slots a receive call fills, the thread that drains them with its stall watch, the count of datagrams
/// received and the tap that sees each of them.</summary>
/// <remarks>
/// <see cref="PdReceiveLoop"/> and <see cref="MdReceiveLoop"/> differ only in what they do with a batch (PD:
/// dispatch and sweep on this thread; MD: post to the wheel), so they watch stalls, count, record and stop
/// alike. The slots live as long as the loop; nothing here allocates per datagram.
/// </remarks>
internal sealed class ReceiveThread
{
    private const long NanosecondsPerMillisecond = 1_000_000;

    private readonly IUdpEndpoint _endpoint;
    private readonly IFrameTap? _tap;
    private readonly Ip4Endpoint _recordedDestination;
    private readonly StallProbe _stallProbe;
    private readonly string _name;
    private Thread? _thread;
    private volatile bool _stopping;

    /// <param name="name">The thread's name in telemetry and stall reports (<c>rx-…</c>, <c>md-…</c>); the OS
    /// thread is called <c>trdpsim-</c> and this.</param>
    /// <param name="source">The kind of thread for the stall monitor.</param>
    /// <param name="batchSize">Datagrams per receive call.</param>
    /// <param name="slotBytes">Bytes per slot: above the largest datagram the loop accepts, so a larger one is
    /// seen as truncated.</param>
    /// <param name="endpoint">The socket.</param>
    /// <param name="telemetry">Counts the datagrams and owns the stall monitor.</param>
    /// <param name="tap">Sees every datagram with its receive timestamp (a recording); null when nothing listens.</param>
    /// <param name="recordedDestination">The destination the tap is told (the socket's address, or its group).</param>
    public ReceiveThread(string name, StallSources source, int batchSize, int slotBytes, IUdpEndpoint endpoint,
        RunTelemetry telemetry, IFrameTap? tap, Ip4Endpoint recordedDestination)
    {
        _endpoint = endpoint;
        Telemetry = telemetry;
        _tap = tap;
        _recordedDestination = recordedDestination;
        _name = name;
        _stallProbe = telemetry.Stalls.CreateProbe(source, name);
        var block = GC.AllocateArray<byte>(batchSize * slotBytes, pinned: true);
        Slots = new IncomingDatagram[batchSize];
        for (var i = 0; i < batchSize; i++)
        {
            Slots[i] = new IncomingDatagram(block, i * slotBytes, slotBytes);
        }
    }

    /// <summary>The run's telemetry: the loop counts its rejects and errors there.</summary>
    public RunTelemetry Telemetry { get; }

    /// <summary>The slots the latest receive call filled (the first <c>count</c> of them).</summary>
    public IncomingDatagram[] Slots { get; }

    /// <summary>Set by <see cref="Stop"/>: the loop ends after its current receive call.</summary>
    public bool Stopping => _stopping;

    /// <summary>Starts the thread: it registers as a receive thread and runs <paramref name="loop"/>.</summary>
    public void Start(ThreadStart loop)
    {
        _thread = new Thread(() =>
        {
            Telemetry.Threads.EnterReceiveThread(_name);
            _stallProbe.CheckIn(MonotonicClock.NowNanoseconds()); // records a late start
            loop();
        }) { IsBackground = true, Name = "trdpsim-" + _name };
        // Due from now on, so a thread that is slow to start is seen as stalled while the run's first deadlines fall.
        _stallProbe.Due(MonotonicClock.NowNanoseconds());
        _thread.Start();
    }

    /// <summary>Stops the loop; the owner disposes the socket, which unblocks a waiting receive.</summary>
    public void Stop()
    {
        _stopping = true;
        if (_thread is { IsAlive: true } thread)
        {
            thread.Join(TimeSpan.FromSeconds(2));
        }
    }

    /// <summary>One receive call into <see cref="Slots"/> (waiting up to <paramref name="timeoutMilliseconds"/>).</summary>
    public int Receive(int timeoutMilliseconds) => _endpoint.Receive(Slots, timeoutMilliseconds);

    /// <summary>One receive call on the loop's thread, watched for stalls: the thread promises to be back within
    /// the call's timeout and checks in at <paramref name="now"/> when it is.</summary>
    /// <returns>False when the socket was disposed (the loop ends).</returns>
    public bool TryReceiveWatched(int timeoutMilliseconds, out int count, out long now)
    {
        _stallProbe.Due(MonotonicClock.NowNanoseconds() + (timeoutMilliseconds * NanosecondsPerMillisecond));
        try
        {
            count = Receive(timeoutMilliseconds);
        }
        catch (ObjectDisposedException)
        {
            count = 0;
            now = 0;
            return false;
        }

        now = MonotonicClock.NowNanoseconds();
        _stallProbe.CheckIn(now);
        return true;
    }

    /// <summary>Sleeps <paramref name="nanoseconds"/> from <paramref name="now"/>, watched for stalls like a receive
    /// call: the thread promises to be back by then.</summary>
    public void PauseWatched(long now, long nanoseconds)
    {
        var until = now + nanoseconds;
        _stallProbe.Due(until);
        SystemWaitClock.Instance.SleepUntil(until, null);
        _stallProbe.CheckIn(MonotonicClock.NowNanoseconds());
    }

    /// <summary>Counts the <paramref name="count"/> datagrams just read at <paramref name="now"/> and shows them to
    /// the tap with their arrival times, before the loop handles them.</summary>
    public void Arrived(int count, long now)
    {
        Interlocked.Add(ref Telemetry.DatagramsReceived, count);
        if (_tap is { } tap)
        {
            for (var i = 0; i < count; i++)
            {
                ref readonly var slot = ref Slots[i];
                tap.OnFrame(slot.Payload, slot.Source, _recordedDestination, slot.ArrivedAt(now));
            }
        }
    }
}
