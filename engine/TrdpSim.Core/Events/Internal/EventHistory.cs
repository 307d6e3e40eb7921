namespace TrdpSim.Events.Internal;

/// <summary>The last N events of a run, for catch-up: a ring of shared messages that remembers the newest id
/// and the latest time it has pushed out, so it can tell a client that part of what it asks for is gone.</summary>
/// <remarks>Not thread-safe: the bus holds its lock around every call.</remarks>
internal sealed class EventHistory(int capacity)
{
    private readonly StreamMessage[] _ring = new StreamMessage[Math.Max(1, capacity)];
    private int _next;
    private int _count;
    private long _evictedNewestId;
    private DateTime _evictedLatestUtc = DateTime.MinValue;

    public int Capacity => _ring.Length;

    public int Count => _count;

    public long NewestId { get; private set; }

    public long OldestId => _count == 0 ? 0 : _ring[(_next - _count + _ring.Length) % _ring.Length].Id;

    public void Add(StreamMessage message)
    {
        if (_count == _ring.Length)
        {
            var evicted = _ring[_next];
            _evictedNewestId = evicted.Id;
            if (evicted.Utc > _evictedLatestUtc)
            {
                _evictedLatestUtc = evicted.Utc;
            }
        }
        else
        {
            _count++;
        }

        _ring[_next] = message;
        _next = (_next + 1) % _ring.Length;
        NewestId = message.Id;
    }

    /// <summary>The kept events after the point of <paramref name="request"/> that <paramref name="wants"/>.</summary>
    public CatchUpResult After(CatchUpRequest request, Func<string, bool> wants)
    {
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
            var message = _ring[(_next - _count + i + _ring.Length) % _ring.Length];
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
