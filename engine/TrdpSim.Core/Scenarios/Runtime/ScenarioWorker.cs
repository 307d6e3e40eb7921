using System.Buffers;
using System.Threading.Channels;

using TrdpSim.Scheduling;

namespace TrdpSim.Scenarios.Runtime;

/// <summary>The one thread that runs scenario JavaScript during a run, fed by a bounded queue.</summary>
/// <remarks>
/// Producers (the wheel thread, receive loops) never wait: when the queue is full the event is dropped
/// and counted in <see cref="Dropped"/>. JavaScript therefore never delays a send or a receive; a slow
/// hook only loses its own events.
/// <para>The worker sleeps on its own event, never on an awaited channel read: an async wait would wake
/// through the thread pool, whose spinning workers took CPU from the wheel thread on a two-core host
/// (send-lateness p99 ×60 at a mere 1k events/s). A producer signals only when the worker has said it
/// is going to sleep, so a busy worker costs producers no system call.</para>
/// <para><b>Stalls.</b> An event handed over later than the stall threshold after it happened, or a callback
/// that runs longer than the threshold, is a stall of the scripts (see <see cref="StallMonitor"/>): scripted
/// MD replies wait for it.</para>
/// </remarks>
public sealed class ScenarioWorker : IDisposable
{
    /// <summary>Events the queue holds before it drops.</summary>
    public const int DefaultCapacity = 16_384;

    private readonly Channel<ScenarioEvent> _events;
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _wake = new(false, spinCount: 1);
    private long _dropped;
    private long _delivered;
    private int _idle;
    private volatile bool _discard;
    private bool _started;

    private readonly StallProbe? _stallProbe;

    internal ScenarioWorker(int capacity = DefaultCapacity, StallProbe? stallProbe = null)
    {
        _stallProbe = stallProbe;
        _events = Channel.CreateBounded<ScenarioEvent>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait, // TryWrite fails when full: the producer drops, never waits
            AllowSynchronousContinuations = false,
        });
        _thread = new Thread(Loop) { IsBackground = true, Name = "trdpsim-scenario" };
    }

    /// <summary>Events dropped because the queue was full (or the worker had ended).</summary>
    public long Dropped => Volatile.Read(ref _dropped);

    /// <summary>Events handed to JavaScript.</summary>
    public long Delivered => Volatile.Read(ref _delivered);

    public void Start()
    {
        if (!_started)
        {
            _started = true;
            _thread.Start();
        }
    }

    /// <summary>Any thread; never blocks. Returns false (and counts a drop) when the queue is full.</summary>
    internal bool TryPost(in ScenarioEvent item)
    {
        if (_events.Writer.TryWrite(item))
        {
            if (Volatile.Read(ref _idle) != 0 && Interlocked.Exchange(ref _idle, 0) != 0)
            {
                _wake.Set();
            }

            return true;
        }

        Interlocked.Increment(ref _dropped);
        if (item.Payload is { } payload)
        {
            ArrayPool<byte>.Shared.Return(payload);
        }

        return false;
    }

    /// <summary>Lets the worker finish what is queued, waiting at most <paramref name="timeout"/>; returns
    /// whether it finished in time.</summary>
    public bool Drain(TimeSpan timeout)
    {
        _events.Writer.TryComplete();
        _wake.Set();
        return !_started || _thread.Join(timeout);
    }

    public void Dispose()
    {
        _discard = true; // what is still queued is released, not handed to scripts being torn down
        _events.Writer.TryComplete();
        _wake.Set();
        if (_started)
        {
            _thread.Join(TimeSpan.FromSeconds(5));
        }

        _wake.Dispose();
        while (_events.Reader.TryRead(out var left))
        {
            Release(ref left);
        }
    }

    private void Loop()
    {
        var reader = _events.Reader;
        while (true)
        {
            while (reader.TryRead(out var item))
            {
                if (!_discard)
                {
                    Dispatch(in item);
                    _delivered++;
                }

                Release(ref item);
            }

            // Say "going to sleep" first, then look once more: an event written before the flag was
            // seen is found here, one written after it finds the flag and wakes us.
            _wake.Reset();
            Interlocked.Exchange(ref _idle, 1);
            if (reader.TryPeek(out _))
            {
                Interlocked.Exchange(ref _idle, 0);
                continue;
            }

            if (reader.Completion.IsCompleted)
            {
                return;
            }

            _wake.Wait();
            Interlocked.Exchange(ref _idle, 0);
        }
    }

    private void Dispatch(in ScenarioEvent item)
    {
        if (_stallProbe is not { } probe || item.Kind == ScenarioEventKind.End)
        {
            // End hooks run after the traffic has stopped: however long they take, nothing waits for them.
            item.Scenario.Dispatch(in item);
            return;
        }

        // The event was due when it happened; then the callback is due to end at once. Either late by the
        // threshold is a stall of the scripts. (Timeline events carry their scheduled time, so a queue that
        // holds them back shows too.)
        long now = MonotonicClock.NowNanoseconds();
        if (item.Time > 0 && item.Time <= now)
        {
            probe.Due(item.Time);
            probe.CheckIn(now);
        }

        probe.Due(now);
        item.Scenario.Dispatch(in item);
        probe.CheckIn(MonotonicClock.NowNanoseconds());
        probe.Idle();
    }

    private static void Release(ref ScenarioEvent item)
    {
        if (item.Payload is { } payload)
        {
            ArrayPool<byte>.Shared.Return(payload);
            item.Payload = null;
        }
    }
}
