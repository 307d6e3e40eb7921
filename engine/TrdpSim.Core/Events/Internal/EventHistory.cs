namespace TrdpSim.Events.Internal;

/// <summary>The last N events of a run, for catch-up: their JSON copied into one byte ring and their ids, topics and
/// times in a fixed table, bounded by count and by bytes, remembering the newest id and the latest time it has pushed
/// out, so it can tell a client that part of what it asks for is gone.</summary>
/// <remarks>
/// <para>Not thread-safe: the bus holds its lock around every call.</para>
/// <para><b>Why bytes and not the messages themselves.</b> A history of message objects kept every event alive for
/// the second or two it took to push it out: long enough to survive a young-generation collection, short enough to
/// die soon after — the worst lifetime a managed heap can be given. At 10,000 events per second each collection
/// copied the ~12,000 messages kept since the last one and their JSON (~6 MB), pausing every managed thread, the
/// timing wheel included, for 8–9 ms. Now the history owns two arrays made once (the ring grows by doubling up to
/// its budget while a run starts) and keeps no reference to anything young, so the live messages die young and a
/// collection finds almost nothing to copy. The price is one copy of each event's JSON (a few hundred bytes) and a
/// copy out per message on catch-up, which is rare.</para>
/// <para><b>Layout.</b> Entries are written one after the other; when the next one does not fit before the end of
/// the ring it goes to offset 0 and the end is left unused until the ring wraps again. Entries never straddle the
/// end, so the kept bytes are at most two runs: [oldest, end of its run) and [0, next write).</para>
/// </remarks>
internal sealed class EventHistory
{
    private const int FirstRingBytes = 64 * 1024;

    private readonly Entry[] _entries;
    private readonly int _maxRingBytes;
    private byte[] _ring = [];
    private int _write;
    private int _first;
    private int _count;
    private long _evictedNewestId;
    private DateTime _evictedLatestUtc = DateTime.MinValue;

    /// <param name="capacity">Events kept at most.</param>
    /// <param name="byteBudget">Bytes of JSON kept at most: the ring's final size.</param>
    public EventHistory(int capacity, long byteBudget = 4L << 20)
    {
        _entries = new Entry[Math.Max(1, capacity)];
        _maxRingBytes = (int)Math.Clamp(byteBudget, 1, Array.MaxLength);
    }

    public int Capacity => _entries.Length;

    public int Count => _count;

    /// <summary>Bytes of JSON the kept events hold.</summary>
    public long Bytes { get; private set; }

    /// <summary>Bytes the ring takes now (it grows to the budget and stays there).</summary>
    public int RingBytes => _ring.Length;

    public long NewestId { get; private set; }

    public long OldestId => _count == 0 ? 0 : _entries[_first].Id;

    /// <summary>Keeps a copy of <paramref name="message"/>'s JSON and identity; the message itself is not referenced.</summary>
    public void Add(StreamMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        NewestId = message.Id;
        var json = message.Json.Span;
        if (json.Length > _maxRingBytes)
        {
            // Larger than the whole history: everything older goes, and so does this one — catch-up reports it
            // missed, which keeps "every event at or below the newest pushed-out id is gone" true.
            while (_count > 0)
            {
                EvictOldest();
            }

            Forget(message.Id, message.Utc);
            return;
        }

        if (_count == _entries.Length)
        {
            EvictOldest();
        }

        var offset = MakeRoom(json.Length);
        json.CopyTo(_ring.AsSpan(offset));
        var slot = (_first + _count) % _entries.Length;
        _entries[slot] = new Entry(message.Id, message.Topic, message.Type, message.Utc.Ticks, message.MonotonicNanoseconds, offset, json.Length);
        _count++;
        _write = offset + json.Length;
        Bytes += json.Length;
    }

    /// <summary>The kept events after the point of <paramref name="request"/> that <paramref name="wants"/>, each
    /// with its own copy of its JSON (the ring is overwritten later). <see cref="StreamMessage.Event"/> is null: the
    /// history keeps what a client is sent, not the posted value.</summary>
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
            ref readonly var entry = ref _entries[(_first + i) % _entries.Length];
            var utc = new DateTime(entry.UtcTicks, DateTimeKind.Utc);
            var after = request.AfterId is { } id ? entry.Id > id : request.AfterUtc is not { } afterUtc || utc > afterUtc;
            if (after && wants(entry.Topic))
            {
                var json = _ring.AsSpan(entry.Offset, entry.Length).ToArray();
                messages.Add(new StreamMessage(entry.Id, entry.Topic, entry.Type, utc, entry.MonotonicNanoseconds, json));
            }
        }

        return new CatchUpResult(messages, missed == 0, missed, OldestId, NewestId);
    }

    /// <summary>Where <paramref name="length"/> bytes go: after the newest entry, or at the ring's start when they
    /// do not fit before its end; the ring grows first while it is below its budget, and the oldest entries in the
    /// way are pushed out.</summary>
    private int MakeRoom(int length)
    {
        if (_write + length > _ring.Length && _ring.Length < _maxRingBytes)
        {
            Grow(_write + length);
        }

        var offset = _write;
        if (offset + length > _ring.Length)
        {
            // Wrap: what lies between the newest entry and the end are the oldest entries (if the ring had wrapped
            // before); they go, then those in the way at the start.
            while (_count > 0 && _entries[_first].Offset >= offset)
            {
                EvictOldest();
            }

            offset = 0;
            while (_count > 0 && _entries[_first].Offset < length)
            {
                EvictOldest();
            }
        }
        else
        {
            // The oldest entries lie ahead of the write only once the ring has wrapped.
            while (_count > 0 && _entries[_first].Offset >= offset && _entries[_first].Offset < offset + length)
            {
                EvictOldest();
            }
        }

        return offset;
    }

    // Growing happens before the ring first wraps (it wraps only at full size), so every kept entry lies in
    // [0, _write) and keeps its offset in the larger ring.
    private void Grow(int needed)
    {
        var size = (int)Math.Min(_maxRingBytes, Math.Max(needed, Math.Max(FirstRingBytes, 2L * _ring.Length)));
        var larger = GC.AllocateUninitializedArray<byte>(size);
        _ring.AsSpan(0, _write).CopyTo(larger);
        _ring = larger;
    }

    private void EvictOldest()
    {
        ref readonly var oldest = ref _entries[_first];
        Bytes -= oldest.Length;
        Forget(oldest.Id, new DateTime(oldest.UtcTicks, DateTimeKind.Utc));
        _entries[_first] = default; // drop the topic and type strings with the entry
        _first = (_first + 1) % _entries.Length;
        _count--;
    }

    private void Forget(long id, DateTime utc)
    {
        _evictedNewestId = id;
        if (utc > _evictedLatestUtc)
        {
            _evictedLatestUtc = utc;
        }
    }

    // By time, the exact number of pushed-out events newer than the point is unknown (they are gone); every
    // pushed-out event counts, which is an upper bound and never claims completeness wrongly.
    private long CountEvictedAfter() => _evictedNewestId;

    /// <summary>One kept event: what a catch-up message is rebuilt from. Its strings are the bus's topic and type
    /// names, which live as long as the process.</summary>
    private readonly record struct Entry(long Id, string Topic, string Type, long UtcTicks, long MonotonicNanoseconds, int Offset, int Length);
}
