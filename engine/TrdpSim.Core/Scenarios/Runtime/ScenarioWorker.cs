using System.Buffers;
using System.Threading.Channels;

namespace TrdpSim.Scenarios.Runtime;

/// <summary>The one thread that runs scenario JavaScript during a run, fed by a bounded queue.</summary>
/// <remarks>
/// Producers (the wheel thread, receive loops) never wait: when the queue is full the event is dropped
/// and counted in <see cref="Dropped"/>. JavaScript therefore never delays a send or a receive; a slow
/// hook only loses its own events.
/// </remarks>
public sealed class ScenarioWorker : IDisposable
{
    /// <summary>Events the queue holds before it drops.</summary>
    public const int DefaultCapacity = 16_384;

    private readonly Channel<ScenarioEvent> _events;
    private readonly Thread _thread;
    private long _dropped;
    private long _delivered;
    private bool _started;

    internal ScenarioWorker(int capacity = DefaultCapacity)
    {
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
        return !_started || _thread.Join(timeout);
    }

    public void Dispose()
    {
        _events.Writer.TryComplete();
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
                item.Scenario.Dispatch(in item);
                _delivered++;
                Release(ref item);
            }

            // Waiting allocates only when the queue is empty, i.e. when there is nothing to keep up with.
            if (!reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
            {
                return;
            }
        }
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
