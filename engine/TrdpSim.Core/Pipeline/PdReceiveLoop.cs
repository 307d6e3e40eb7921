using TrdpSim.Scheduling;
using TrdpSim.Telemetry;
using TrdpSim.Transport;

namespace TrdpSim.Pipeline;

/// <summary>A dedicated thread that drains one PD socket in batches and dispatches every datagram.</summary>
/// <remarks>
/// Receives up to <see cref="BatchSize"/> datagrams per call (recvmmsg) into buffers it owns for its
/// whole life, so nothing is allocated per datagram. The receive call waits at most
/// <see cref="SweepMilliseconds"/>, so subscription timeouts are checked on this same thread even when
/// the socket is silent: subscriptions are never touched by two threads. An exception while handling
/// one datagram is counted and the loop goes on; disposing the socket ends the loop.
/// <para><b>Sweeping after a stall.</b> Timeouts are checked only once the socket has been drained (a receive
/// call returned less than a full batch): when this thread was not run for a while, the telegrams that
/// arrived meanwhile wait in the socket buffer, and checking deadlines before reading them would time out
/// every subscription whose telegram is sitting there. Under a flood that never drains, the check runs
/// anyway after <see cref="MaxDrainMilliseconds"/> of full batches.</para>
/// <para><b>Stalls.</b> Before each receive call the loop promises to be back within the call's timeout; a
/// return later than that by the monitor's threshold is a stall of this thread (see
/// <see cref="StallMonitor"/>).</para>
/// </remarks>
internal sealed class PdReceiveLoop : IDisposable
{
    /// <summary>Datagrams per receive call.</summary>
    public const int BatchSize = 64;

    /// <summary>Longest wait in one receive call, and the period of the timeout sweep.</summary>
    public const int SweepMilliseconds = 2;

    /// <summary>Slot size: above the largest PD frame, so an oversized datagram is seen as such.</summary>
    public const int SlotBytes = 2048;

    /// <summary>Longest run of full batches before timeouts are checked anyway (a flood that never drains).</summary>
    public const int MaxDrainMilliseconds = 50;

    private const long NanosecondsPerMillisecond = 1_000_000;

    private readonly IUdpEndpoint _endpoint;
    private readonly IPdDatagramHandler _dispatcher;
    private readonly RunTelemetry _telemetry;
    private readonly IncomingDatagram[] _slots = new IncomingDatagram[BatchSize];
    private readonly Thread _thread;
    private readonly IFrameTap? _tap;
    private readonly Ip4Endpoint _recordedDestination;
    private readonly StallProbe _stallProbe;
    private readonly string _name;
    private volatile bool _stopping;

    /// <param name="name">Names the thread.</param>
    /// <param name="endpoint">The PD receive socket.</param>
    /// <param name="dispatcher">Checks and dispatches every datagram.</param>
    /// <param name="telemetry">Counts datagrams and engine errors.</param>
    /// <param name="tap">Sees every datagram with its receive timestamp (a recording); null when nothing listens.</param>
    /// <param name="recordedDestination">The destination the tap is told (the socket's address, or its group).</param>
    public PdReceiveLoop(string name, IUdpEndpoint endpoint, IPdDatagramHandler dispatcher, RunTelemetry telemetry,
        IFrameTap? tap = null, Ip4Endpoint recordedDestination = default)
    {
        _tap = tap;
        _recordedDestination = recordedDestination;
        _endpoint = endpoint;
        _dispatcher = dispatcher;
        _telemetry = telemetry;
        _name = name;
        _stallProbe = telemetry.Stalls.CreateProbe(StallSources.PdReceive, "rx-" + name);
        var block = GC.AllocateArray<byte>(BatchSize * SlotBytes, pinned: true);
        for (var i = 0; i < BatchSize; i++)
        {
            _slots[i] = new IncomingDatagram { Buffer = block, Offset = i * SlotBytes, Capacity = SlotBytes };
        }

        _thread = new Thread(Run) { IsBackground = true, Name = "trdpsim-rx-" + name };
    }

    public void Start()
    {
        // Due from now on, so a thread that is slow to start is seen as stalled while the first deadlines fall.
        _stallProbe.Due(MonotonicClock.NowNanoseconds());
        _thread.Start();
    }

    private void Run()
    {
        _telemetry.Threads.EnterReceiveThread("rx-" + _name);
        _stallProbe.CheckIn(MonotonicClock.NowNanoseconds()); // records a late start
        var nextSweep = 0L;
        var drainingSince = long.MaxValue;
        while (!_stopping)
        {
            int count;
            _stallProbe.Due(MonotonicClock.NowNanoseconds() + (SweepMilliseconds * NanosecondsPerMillisecond));
            try
            {
                count = Receive(SweepMilliseconds);
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            var now = MonotonicClock.NowNanoseconds();
            _stallProbe.CheckIn(now);
            if (count > 0)
            {
                Handle(count, now);
            }

            if (count == BatchSize)
            {
                drainingSince = Math.Min(drainingSince, now);
                if (now - drainingSince < MaxDrainMilliseconds * NanosecondsPerMillisecond)
                {
                    continue; // more may be queued: read it before judging any deadline
                }
            }

            drainingSince = long.MaxValue;
            if (now >= nextSweep)
            {
                _dispatcher.Sweep(now);
                nextSweep = now + (SweepMilliseconds * NanosecondsPerMillisecond);
            }
        }
    }

    /// <summary>One receive call into the loop's slots (waiting up to <paramref name="timeoutMilliseconds"/>).
    /// The loop's thread calls it; tests call it by hand with 0, and <see cref="Handle"/> with their own clock.</summary>
    internal int Receive(int timeoutMilliseconds) => _endpoint.Receive(_slots, timeoutMilliseconds);

    /// <summary>Counts, taps and dispatches the <paramref name="count"/> datagrams just received at <paramref name="now"/>.</summary>
    internal void Handle(int count, long now)
    {
        Interlocked.Add(ref _telemetry.DatagramsReceived, count);
        if (_tap is { } tap)
        {
            ShowTap(tap, count, now);
        }

        for (var i = 0; i < count; i++)
        {
            ref var slot = ref _slots[i];
            try
            {
                _dispatcher.Dispatch(slot.Buffer.AsSpan(slot.Offset, slot.Length), slot.Truncated, slot.Source, now);
            }
            catch (Exception)
            {
                // A bug must not stop supervision of every other telegram on this socket.
                Interlocked.Increment(ref _telemetry.EngineErrors);
            }
        }
    }

    private void ShowTap(IFrameTap tap, int count, long now)
    {
        for (var i = 0; i < count; i++)
        {
            ref var slot = ref _slots[i];
            tap.OnFrame(slot.Buffer.AsSpan(slot.Offset, slot.Length), slot.Source, _recordedDestination, now);
        }
    }

    /// <summary>Stops the loop; the owner disposes the socket, which unblocks a waiting receive.</summary>
    public void Stop()
    {
        _stopping = true;
        if (_thread.IsAlive)
        {
            _thread.Join(TimeSpan.FromSeconds(2));
        }
    }

    public void Dispose() => Stop();
}
