using TrdpSim.Events.Internal;
using TrdpSim.Scheduling;

namespace TrdpSim.Events;

/// <summary>A run's event bus: hot paths post <see cref="RunEvent"/>s without blocking or allocating, a pump
/// thread numbers them, keeps them in a bounded history and fans them out to subscribers; the telemetry
/// sampler publishes its samples through the same fan-out.</summary>
/// <remarks>
/// <para><b>Posting</b> (<see cref="Post"/>): any thread, lock-free, into a bounded ring (the engine's one
/// <see cref="MpscBoundedQueue{T}"/>, the events stored inline, the pump its single consumer); a full ring refuses
/// and counts (<see cref="PostsDropped"/>). Hot sources limit themselves before posting
/// (<see cref="EventRateLimit"/>; rejects are summarised per interval by the sampler, never posted per frame),
/// so a flood of bad frames cannot flood the bus.</para>
/// <para><b>Pump</b>: every <see cref="RunEventBusOptions.PumpInterval"/> it drains the ring, gives each event
/// the next id and its UTC time, writes its JSON once, adds it to the history and offers it to every
/// subscriber that wants its topic. Subscribers queue and drop on their own (<see cref="EventSubscription"/>),
/// so a slow client never holds the pump.</para>
/// <para><b>Catch-up</b>: <see cref="Subscribe"/> and <see cref="ChangeFilter"/> take the history's events
/// after the client's point under the same lock the pump publishes under, so nothing is sent twice or
/// skipped between the catch-up and the live events.</para>
/// </remarks>
public sealed class RunEventBus : IDisposable
{
    private readonly MpscBoundedQueue<RunEvent> _posted;
    private readonly EventHistory _history;
    private readonly Lock _gate = new();
    private readonly Lock _pumpLock = new();
    private readonly List<StreamMessage> _batch = [];
    private readonly MessageJsonWriter _json = new();
    private readonly ManualResetEventSlim _stop = new(false);
    private readonly TimeSpan _pumpInterval;
    private readonly int _pumpNice;
    private readonly long _anchorMonotonic;
    private readonly long _anchorUtcTicks;
    private readonly Func<long> _clock;
    private IEventSubscriber[] _subscribers = [];
    private Thread? _pump;
    private long _nextId;
    private long _posts;
    private long _postsDropped;
    private long _published;
    private long _samples;
    private long _runStart;

    /// <param name="options">Sizes and pace; defaults when null.</param>
    /// <param name="wallClock">UTC source for event times (tests fix it); default the system's.</param>
    /// <param name="monotonicClock">Monotonic nanoseconds (tests drive it); default <see cref="MonotonicClock"/>.</param>
    public RunEventBus(RunEventBusOptions? options = null, TimeProvider? wallClock = null, Func<long>? monotonicClock = null)
    {
        options ??= new RunEventBusOptions();
        _posted = new MpscBoundedQueue<RunEvent>(options.PostCapacity);
        _history = new EventHistory(options.HistoryCapacity, options.HistoryBytes);
        _pumpInterval = options.PumpInterval;
        _pumpNice = options.PumpNice;
        _clock = monotonicClock ?? MonotonicClock.NowNanoseconds;
        _anchorMonotonic = _clock();
        _anchorUtcTicks = (wallClock ?? TimeProvider.System).GetUtcNow().UtcTicks;
        _runStart = _anchorMonotonic;
    }

    /// <summary>Monotonic time of the run's first tick: <c>t</c> = 0 in messages (default: when the bus was made).</summary>
    public long RunStartNanoseconds
    {
        get => Volatile.Read(ref _runStart);
        set => Volatile.Write(ref _runStart, value);
    }

    public int HistoryCapacity => _history.Capacity;

    /// <summary>Events posted and taken by the ring.</summary>
    public long Posts => Interlocked.Read(ref _posts);

    /// <summary>Events refused because the posting ring was full.</summary>
    public long PostsDropped => Interlocked.Read(ref _postsDropped);

    /// <summary>Events the pump has numbered and fanned out.</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>Samples published by the sampler.</summary>
    public long SamplesPublished => Interlocked.Read(ref _samples);

    /// <summary>Current subscribers.</summary>
    public int SubscriberCount => Volatile.Read(ref _subscribers).Length;

    /// <summary>The newest event id so far (0 before the first).</summary>
    public long NewestId
    {
        get
        {
            lock (_gate)
            {
                return _history.NewestId;
            }
        }
    }

    /// <summary>Monotonic nanoseconds now, on the bus's clock.</summary>
    public long Now() => _clock();

    /// <summary>Posts an event: any thread, never blocks, never allocates.</summary>
    /// <returns>False when the ring was full (the event is dropped and counted).</returns>
    public bool Post(in RunEvent e)
    {
        if (_posted.TryEnqueue(e))
        {
            Interlocked.Increment(ref _posts);
            return true;
        }

        Interlocked.Increment(ref _postsDropped);
        return false;
    }

    /// <summary>Whether any subscriber wants <paramref name="topic"/> (the sampler skips samples nobody reads).</summary>
    public bool AnyWants(string topic)
    {
        foreach (var subscriber in Volatile.Read(ref _subscribers))
        {
            if (subscriber.Wants(topic))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Fans a sample out to the subscribers that want its topic (sampler thread). Samples have no id
    /// and are not kept.</summary>
    public void Publish(StreamMessage sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        Interlocked.Increment(ref _samples);
        FanOut(Volatile.Read(ref _subscribers), sample);
    }

    /// <summary>A new subscription with a bounded queue; with <paramref name="catchUp"/>, also the kept events
    /// after that point (send them before the queue's).</summary>
    public EventSubscription Subscribe(TopicFilter filter, int capacity, CatchUpRequest? catchUp, out CatchUpResult? caughtUp)
    {
        var subscription = new EventSubscription(filter, capacity, this);
        caughtUp = Attach(subscription, catchUp);
        return subscription;
    }

    /// <summary>Adds any subscriber (a run store, say); with <paramref name="catchUp"/>, returns the kept events
    /// after that point, taken atomically with the attachment.</summary>
    public CatchUpResult? Attach(IEventSubscriber subscriber, CatchUpRequest? catchUp = null)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        lock (_gate)
        {
            var result = catchUp is { } request ? _history.After(request, subscriber.Wants) : null;
            Volatile.Write(ref _subscribers, [.. _subscribers, subscriber]);
            return result;
        }
    }

    public void Unsubscribe(IEventSubscriber subscriber)
    {
        lock (_gate)
        {
            Volatile.Write(ref _subscribers, Array.FindAll(_subscribers, s => !ReferenceEquals(s, subscriber)));
        }
    }

    /// <summary>Gives <paramref name="subscription"/> a new filter; with <paramref name="catchUp"/>, returns the
    /// kept events after that point on the topics the new filter adds (the old ones are flowing already).</summary>
    public CatchUpResult? ChangeFilter(EventSubscription subscription, TopicFilter filter, CatchUpRequest? catchUp)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(filter);
        lock (_gate)
        {
            var old = subscription.Filter;
            subscription.SetFilter(filter);
            return catchUp is { } request ? _history.After(request, topic => filter.Matches(topic) && !old.Matches(topic)) : null;
        }
    }

    /// <summary>UTC of a monotonic time (both clocks anchored when the bus was made).</summary>
    public DateTime ToUtc(long monotonicNanoseconds) =>
        new(_anchorUtcTicks + TimeConversion.FromNanoseconds(monotonicNanoseconds - _anchorMonotonic).Ticks, DateTimeKind.Utc);

    /// <summary>The monotonic time of a UTC moment (ingested events).</summary>
    public long ToMonotonic(DateTime utc) => _anchorMonotonic + TimeSpan.FromTicks(utc.ToUniversalTime().Ticks - _anchorUtcTicks).ToNanoseconds();

    /// <summary>Seconds since the run's first tick for a monotonic time.</summary>
    public double Seconds(long monotonicNanoseconds) => (monotonicNanoseconds - RunStartNanoseconds) / 1e9;

    /// <summary>Starts the pump thread (once).</summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_pump is not null || _stop.IsSet)
            {
                return;
            }

            _pump = new Thread(PumpLoop) { IsBackground = true, Name = "trdpsim-events" };
            _pump.Start();
        }
    }

    /// <summary>Moves every posted event on now (the pump does this every interval; tests and the stop call it).</summary>
    /// <returns>How many events were published.</returns>
    public int Flush()
    {
        // One flusher at a time: the ring has a single consumer, and ids follow history order.
        lock (_pumpLock)
        {
            _batch.Clear();
            while (_posted.TryDequeue(out var e))
            {
                _batch.Add(MakeMessage(++_nextId, e));
            }

            if (_batch.Count == 0)
            {
                return 0;
            }

            lock (_gate)
            {
                var subscribers = _subscribers;
                foreach (var message in _batch)
                {
                    _history.Add(message);
                    FanOut(subscribers, message);
                }
            }

            Interlocked.Add(ref _published, _batch.Count);
            var count = _batch.Count;
            _batch.Clear();
            return count;
        }
    }

    /// <summary>Stops the pump after moving what is still posted.</summary>
    public void Dispose()
    {
        _stop.Set();
        _pump?.Join();
        Flush();
        _stop.Dispose();
    }

    private static void FanOut(IEventSubscriber[] subscribers, StreamMessage message)
    {
        foreach (var subscriber in subscribers)
        {
            if (subscriber.Wants(message.Topic))
            {
                subscriber.Deliver(message);
            }
        }
    }

    private StreamMessage MakeMessage(long id, in RunEvent e)
    {
        var utc = e.UtcTicks != 0 ? new DateTime(e.UtcTicks, DateTimeKind.Utc) : ToUtc(e.MonotonicNanoseconds);
        var topic = EventTopics.Of(e.Kind);
        var json = _json.Write(id, topic, utc, Seconds(e.MonotonicNanoseconds), e);
        return new StreamMessage(id, topic, RunEventKinds.Name(e.Kind), utc, e.MonotonicNanoseconds, json, e);
    }

    private void PumpLoop()
    {
        BackgroundPriority.LowerCurrentThread(_pumpNice);
        while (!_stop.Wait(_pumpInterval))
        {
            Flush();
        }
    }
}
