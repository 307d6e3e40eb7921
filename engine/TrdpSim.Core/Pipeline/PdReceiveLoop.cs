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
/// <para><b>Reading in rhythm.</b> With a receive interval (<see cref="EngineThreads.ReceiveIntervalNanoseconds"/>,
/// 1 ms by default in a run) the thread sleeps that long each time it has drained the socket, instead of waiting
/// in the socket for the next datagram: a thread waiting there is woken by every burst the wheel sends, and on
/// loopback the sender pays for the wake-up inside its send call. Each datagram is timed from its arrival (the
/// kernel's timestamp), so reading later changes no figure; timeouts are judged after each drain, as before.</para>
/// <para><b>Stalls.</b> Before each receive call the loop promises to be back within the call's timeout; a
/// return later than that by the monitor's threshold is a stall of this thread (see
/// <see cref="StallMonitor"/>).</para>
/// </remarks>
/// <param name="name">Names the thread.</param>
/// <param name="endpoint">The PD receive socket.</param>
/// <param name="dispatcher">Checks and dispatches every datagram.</param>
/// <param name="telemetry">Counts datagrams and engine errors.</param>
/// <param name="tap">Sees every datagram with its receive timestamp (a recording); null when nothing listens.</param>
/// <param name="recordedDestination">The destination the tap is told (the socket's address, or its group).</param>
internal sealed class PdReceiveLoop(string name, IUdpEndpoint endpoint, IPdDatagramHandler dispatcher, RunTelemetry telemetry,
    IFrameTap? tap = null, Ip4Endpoint recordedDestination = default) : IDisposable
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

    private readonly ReceiveThread _receiver = new("rx-" + name, StallSources.PdReceive, BatchSize, SlotBytes, endpoint,
        telemetry, tap, recordedDestination);

    public void Start() => _receiver.Start(Run);

    private void Run()
    {
        var nextSweep = 0L;
        var drainingSince = long.MaxValue;
        var interval = _receiver.Telemetry.Threads.ReceiveIntervalNanoseconds;
        while (!_receiver.Stopping)
        {
            if (!_receiver.TryReceiveWatched(SweepMilliseconds, out var count, out var now))
            {
                return;
            }

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
                dispatcher.Sweep(now);
                nextSweep = now + (SweepMilliseconds * NanosecondsPerMillisecond);
            }

            if (interval > 0)
            {
                // Drained: let the next datagrams gather rather than wake for each burst (see the remarks).
                _receiver.PauseWatched(now, interval);
            }
        }
    }

    /// <summary>One receive call into the loop's slots (waiting up to <paramref name="timeoutMilliseconds"/>).
    /// The loop's thread calls it; tests call it by hand with 0, and <see cref="Handle"/> with their own clock.</summary>
    internal int Receive(int timeoutMilliseconds) => _receiver.Receive(timeoutMilliseconds);

    /// <summary>Counts, taps and dispatches the <paramref name="count"/> datagrams just read at <paramref name="now"/>; each
    /// is timed from its arrival (<see cref="IncomingDatagram.ArrivedAt"/>).</summary>
    internal void Handle(int count, long now)
    {
        _receiver.Arrived(count, now);
        var slots = _receiver.Slots;
        for (var i = 0; i < count; i++)
        {
            ref var slot = ref slots[i];
            try
            {
                dispatcher.Dispatch(slot.Payload, slot.Truncated, slot.Source, slot.ArrivedAt(now));
            }
            catch (Exception)
            {
                // A bug must not stop supervision of every other telegram on this socket.
                Interlocked.Increment(ref _receiver.Telemetry.EngineErrors);
            }
        }
    }

    /// <summary>Stops the loop; the owner disposes the socket, which unblocks a waiting receive.</summary>
    public void Stop() => _receiver.Stop();

    public void Dispose() => Stop();
}
