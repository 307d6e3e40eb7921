namespace TrdpSim.Events;

/// <summary>Where a (re)connecting subscriber left off: after an event id (SSE's <c>Last-Event-ID</c>, a
/// WebSocket's <c>lastId</c>) or after a moment (a WebSocket's <c>lastTimestamp</c>).</summary>
public readonly record struct CatchUpRequest(long? AfterId, DateTime? AfterUtc)
{
    public static CatchUpRequest AfterEvent(long id) => new(id, null);

    public static CatchUpRequest After(DateTime utc) => new(null, utc);
}

/// <summary>The answer to a <see cref="CatchUpRequest"/>: the kept events after that point that match the
/// subscriber's topics, oldest first, and whether that is all of them.</summary>
/// <param name="Messages">The events to send before the live ones.</param>
/// <param name="Complete">False when events after the point were already pushed out of the history.</param>
/// <param name="Missed">How many events after the point are gone (0 when complete; counted over every topic).</param>
/// <param name="OldestId">The oldest event id still kept (0 when none is).</param>
/// <param name="NewestId">The newest event id published so far (0 when none was).</param>
public sealed record CatchUpResult(IReadOnlyList<StreamMessage> Messages, bool Complete, long Missed, long OldestId, long NewestId)
{
    /// <summary>Why the catch-up is not complete, in words; null when it is.</summary>
    public string? GapText(int historyCapacity) => Complete
        ? null
        : $"{Missed} event(s) after the requested point are older than the history (at most the last {historyCapacity} events are kept, fewer when they are large); " +
          $"catch-up starts at event {OldestId}";
}
