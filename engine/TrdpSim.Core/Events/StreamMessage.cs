namespace TrdpSim.Events;

/// <summary>One message of a run's live stream, made once and shared by every subscriber that wants it: an
/// event (with its id, kept in the history for catch-up) or a telemetry sample (live only).</summary>
/// <remarks>Immutable. <see cref="Json"/> is the whole message as one JSON object, written once by the pump or
/// the sampler, so fanning it out to many clients costs no serialisation per client.</remarks>
public sealed class StreamMessage
{
    public StreamMessage(long id, string topic, string type, DateTime utc, long monotonicNanoseconds, ReadOnlyMemory<byte> json, RunEvent? source = null)
    {
        Id = id;
        Topic = topic;
        Type = type;
        Utc = utc;
        MonotonicNanoseconds = monotonicNanoseconds;
        Json = json;
        Event = source;
    }

    /// <summary>The event id: 1, 2, 3 … in the order the bus published events; 0 for a sample (not kept,
    /// not numbered: each sample carries totals, so the next one makes up for a lost one).</summary>
    public long Id { get; }

    public string Topic { get; }

    /// <summary>The wire type (<see cref="RunEventKinds.Name"/>, or <c>sample</c>).</summary>
    public string Type { get; }

    public DateTime Utc { get; }

    public long MonotonicNanoseconds { get; }

    /// <summary>The message as a JSON object (UTF-8).</summary>
    public ReadOnlyMemory<byte> Json { get; }

    /// <summary>The event as posted (null for samples): what a run store keeps.</summary>
    public RunEvent? Event { get; }

    public bool IsSample => Id == 0;
}
