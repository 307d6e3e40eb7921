using System.Threading.Channels;

namespace TrdpSim.Events;

/// <summary>A subscriber with a topic filter, a bounded queue and a drop counter: what each stream client and
/// the run store get from <see cref="RunEventBus.Subscribe"/>.</summary>
/// <remarks>
/// The queue holds at most <see cref="Capacity"/> messages (references to shared messages, so a client's memory
/// is bounded however slow it is); when it is full the newest message is dropped and counted in
/// <see cref="Dropped"/>, so a slow or stalled reader costs itself messages, never the engine time or memory.
/// The filter can be changed while messages flow (<see cref="SetFilter"/>). One reader.
/// </remarks>
public sealed class EventSubscription : IEventSubscriber, IDisposable
{
    private readonly Channel<StreamMessage> _queue;
    private readonly RunEventBus? _bus;
    private volatile TopicFilter _filter;
    private long _dropped;
    private long _delivered;

    /// <param name="filter">The topics wanted at first.</param>
    /// <param name="capacity">Messages the queue holds before it drops.</param>
    /// <param name="bus">The bus to leave on <see cref="Dispose"/> (null when attached by hand).</param>
    public EventSubscription(TopicFilter filter, int capacity, RunEventBus? bus = null)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _filter = filter;
        _bus = bus;
        Capacity = capacity;
        _queue = Channel.CreateBounded<StreamMessage>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true, SingleWriter = false },
            _ => Interlocked.Increment(ref _dropped));
    }

    public int Capacity { get; }

    public TopicFilter Filter => _filter;

    /// <summary>Messages that did not fit in the queue.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Messages offered to the queue (kept or dropped).</summary>
    public long Offered => Interlocked.Read(ref _delivered);

    /// <summary>Messages waiting to be read.</summary>
    public int Queued => _queue.Reader.Count;

    public ChannelReader<StreamMessage> Reader => _queue.Reader;

    public bool Wants(string topic) => _filter.Matches(topic);

    public void Deliver(StreamMessage message)
    {
        Interlocked.Increment(ref _delivered);
        _queue.Writer.TryWrite(message); // DropWrite: a full queue calls the drop counter instead
    }

    /// <summary>Replaces the filter (prefer <see cref="RunEventBus.ChangeFilter"/>, which also returns the
    /// catch-up for the topics added).</summary>
    public void SetFilter(TopicFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        _filter = filter;
    }

    /// <summary>Leaves the bus and ends the queue (the reader sees completion after the queued messages).</summary>
    public void Dispose()
    {
        _bus?.Unsubscribe(this);
        _queue.Writer.TryComplete();
    }
}
