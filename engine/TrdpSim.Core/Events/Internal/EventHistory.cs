namespace TrdpSim.Events.Internal;

/// <summary>The last N events of a run, for catch-up: a ring of shared messages, bounded by count and by bytes, that
/// remembers the newest id and the latest time it has pushed out, so it can tell a client that part of what it asks
/// for is gone.</summary>
/// <remarks>Not thread-safe: the bus holds its lock around every call. A long run fills the history and then keeps
/// its size: without the byte bound 16 384 events of ~300 bytes of JSON held ~8 MB, which a soak saw as memory
/// growing for hours.</remarks>
internal sealed class EventHistory(int capacity, long byteBudget = long.MaxValue)
{
    /// <summary>What a kept message costs besides its JSON: the message object, its ring slot and its event.</summary>
    public const int MessageOverhead = 200;

    private readonly StreamMessage?[] _ring = new StreamMessage?[Math.Max(1, capacity)];
    private int _next;
    private int _count;
    private long _evictedNewestId;
    private DateTime _evictedLatestUtc = DateTime.MinValue;

    public int Capacity => _ring.Length;

    public int Count => _count;

    /// <summary>Bytes the kept messages hold, as counted against the budget.</summary>
    public long Bytes { get; private set; }

    public long NewestId { get; private set; }

    public long OldestId => _count == 0 ? 0 : At(0).Id;

    public void Add(StreamMessage message)
    {
        if (_count == _ring.Length)
        {
            EvictOldest();
        }

        _ring[_next] = message;
        _next = (_next + 1) % _ring.Length;
        _count++;
        Bytes += Cost(message);
        NewestId = message.Id;
        while (Bytes > byteBudget && _count > 1)
        {
            EvictOldest();
        }
    }

    private static long Cost(StreamMessage message) => message.Json.Length + MessageOverhead;

    private StreamMessage At(int index) => _ring[(_next - _count + index + _ring.Length) % _ring.Length]!;

    private void EvictOldest()
    {
        int slot = (_next - _count + _ring.Length) % _ring.Length;
        StreamMessage evicted = _ring[slot]!;
        _ring[slot] = null; // nothing but the ring held it: let the next collection have it
        _count--;
        Bytes -= Cost(evicted);
        _evictedNewestId = evicted.Id;
        if (evicted.Utc > _evictedLatestUtc)
        {
            _evictedLatestUtc = evicted.Utc;
        }
    }

    /// <summary>The kept events after the point of <paramref name="request"/> that <paramref name="wants"/>.</summary>
    /// <remarks>An id later than any this history has given out was given out by another history: the client saw a
    /// daemon that has since restarted (ids begin again at 1) or an earlier run of the same id. Then every kept event is
    /// news to it, so the catch-up starts at the beginning instead of sending nothing.</remarks>
    public CatchUpResult After(CatchUpRequest request, Func<string, bool> wants)
    {
        if (request.AfterId is { } point && point > NewestId)
        {
            request = CatchUpRequest.AfterEvent(0);
        }

        var messages = new List<StreamMessage>();
        long missed = 0;
        if (request.AfterId is { } afterId)
        {
            missed = Math.Max(0, _evictedNewestId - Math.Max(afterId, 0));
        }
        else if (request.AfterUtc is { } afterUtc && _evictedLatestUtc > afterUtc)
        {
            missed = CountEvictedAfter();
        }

        for (var i = 0; i < _count; i++)
        {
            var message = At(i);
            var after = request.AfterId is { } id ? message.Id > id : request.AfterUtc is not { } utc || message.Utc > utc;
            if (after && wants(message.Topic))
            {
                messages.Add(message);
            }
        }

        return new CatchUpResult(messages, missed == 0, missed, OldestId, NewestId);
    }

    // By time, the exact number of pushed-out events newer than the point is unknown (they are gone); every
    // pushed-out event counts, which is an upper bound and never claims completeness wrongly.
    private long CountEvictedAfter() => _evictedNewestId;
}
